using Sriov.Host.Netlink;

namespace Sriov.Host.VfControl;

/// <summary>
/// The PF-side VF attribute seam of ARCHITECTURE.md: read and set each VF's administrative attributes through its PF.
/// In production <see cref="NetlinkVfControl"/> (rtnetlink RTM_SETLINK on the PF); in tests the stateful driver emulator
/// of <c>hack/Sriov.Sim/VfDriver</c>, which answers like igb, ice/iavf or mlx5 do. Every failure is a
/// <see cref="NetlinkException"/> naming the operation, the PF and the errno
/// (<c>set VF 3 VLAN 100 on ens1f0: Operation not supported (EOPNOTSUPP)</c>).
/// </summary>
public interface IVfControl
{
    /// <summary>Every VF the PF reports, ordered by VF number.</summary>
    IReadOnlyList<VfInfo> GetVfs(string pf);

    /// <summary>One VF (by its <c>vf</c> number); ENODEV when the PF does not report it.</summary>
    VfInfo GetVf(string pf, int vf);

    /// <summary>The administrative MAC (zero clears it, as <c>ip link set PF vf N mac 00:00:00:00:00:00</c>).</summary>
    void SetMac(string pf, int vf, MacAddress mac);

    /// <summary>Port VLAN and QoS; <paramref name="protocol"/> null sends the legacy 802.1Q request.</summary>
    void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null);

    /// <summary>Minimum and maximum TX rate in Mbps (0 = no limit).</summary>
    void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps);

    void SetSpoofCheck(string pf, int vf, bool enabled);

    void SetTrust(string pf, int vf, bool trusted);

    void SetLinkState(string pf, int vf, VfLinkState state);

    /// <summary>InfiniBand node GUID.</summary>
    void SetNodeGuid(string pf, int vf, ulong nodeGuid);

    /// <summary>InfiniBand port GUID.</summary>
    void SetPortGuid(string pf, int vf, ulong portGuid);
}
