using System.Globalization;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Host.VfControl;

/// <summary>
/// <see cref="IVfControl"/> over rtnetlink: every set is one RTM_SETLINK on the PF's ifindex carrying
/// IFLA_VFINFO_LIST{IFLA_VF_INFO{attribute}}, as <c>ip link set PF vf N ...</c> sends; reads are RTM_GETLINK with
/// RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS. PF ifindexes are cached by name; a request answered ENODEV drops the
/// cached index and is retried once (the PF was re-created or renamed). Not thread-safe.
/// </summary>
public sealed class NetlinkVfControl : IVfControl, IDisposable
{
    private readonly RouteNetlink _rtnl;
    private readonly bool _owns;
    private readonly Dictionary<string, int> _pfIndex = new(StringComparer.Ordinal);

    /// <summary>Uses an existing client (which stays the caller's to dispose).</summary>
    public NetlinkVfControl(RouteNetlink rtnl)
    {
        ArgumentNullException.ThrowIfNull(rtnl);
        _rtnl = rtnl;
    }

    private NetlinkVfControl(RouteNetlink rtnl, bool owns)
        : this(rtnl) => _owns = owns;

    /// <summary>A client of its own in the caller's namespace, or in <paramref name="netns"/> (where the PFs are).</summary>
    public static NetlinkVfControl Open(NetNs? netns = null) =>
        new(netns is null ? RouteNetlink.Open() : RouteNetlink.OpenIn(netns), owns: true);

    public IReadOnlyList<VfInfo> GetVfs(string pf)
    {
        ArgumentException.ThrowIfNullOrEmpty(pf);
        var link = _rtnl.TryGetLink(pf, withVfs: true) ?? throw new NetlinkException(VfOperations.Get(pf), Errno.ENODEV);
        _pfIndex[pf] = link.Index;
        return link.Vfs;
    }

    public VfInfo GetVf(string pf, int vf)
    {
        VfArguments.Check(pf, vf);
        var vfs = GetVfs(pf);
        foreach (var info in vfs)
        {
            if (info.Vf == vf)
            {
                return info;
            }
        }

        throw new NetlinkException(
            string.Create(CultureInfo.InvariantCulture, $"get VF {vf} of {pf} (the PF reports {vfs.Count} VFs)"), Errno.ENODEV);
    }

    public void SetMac(string pf, int vf, MacAddress mac)
    {
        VfArguments.Check(pf, vf);
        Send(pf, VfOperations.Mac(pf, vf, mac), (b, index) => RtnlRequests.SetVfMac(b, index, vf, mac));
    }

    public void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null)
    {
        VfArguments.CheckVlan(pf, vf, vlan, qos, protocol);
        Send(pf, VfOperations.Vlan(pf, vf, vlan, qos, protocol), (b, index) => RtnlRequests.SetVfVlan(b, index, vf, vlan, qos, protocol));
    }

    public void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps)
    {
        VfArguments.CheckRate(pf, vf, minTxRateMbps, maxTxRateMbps);
        Send(pf, VfOperations.Rate(pf, vf, minTxRateMbps, maxTxRateMbps),
            (b, index) => RtnlRequests.SetVfRate(b, index, vf, minTxRateMbps, maxTxRateMbps));
    }

    public void SetSpoofCheck(string pf, int vf, bool enabled)
    {
        VfArguments.Check(pf, vf);
        Send(pf, VfOperations.SpoofCheck(pf, vf, enabled), (b, index) => RtnlRequests.SetVfSpoofCheck(b, index, vf, enabled));
    }

    public void SetTrust(string pf, int vf, bool trusted)
    {
        VfArguments.Check(pf, vf);
        Send(pf, VfOperations.Trust(pf, vf, trusted), (b, index) => RtnlRequests.SetVfTrust(b, index, vf, trusted));
    }

    public void SetLinkState(string pf, int vf, VfLinkState state)
    {
        VfArguments.CheckLinkState(pf, vf, state);
        Send(pf, VfOperations.LinkState(pf, vf, state), (b, index) => RtnlRequests.SetVfLinkState(b, index, vf, state));
    }

    public void SetNodeGuid(string pf, int vf, ulong nodeGuid)
    {
        VfArguments.Check(pf, vf);
        Send(pf, VfOperations.NodeGuid(pf, vf, nodeGuid), (b, index) => RtnlRequests.SetVfGuid(b, index, vf, port: false, nodeGuid));
    }

    public void SetPortGuid(string pf, int vf, ulong portGuid)
    {
        VfArguments.Check(pf, vf);
        Send(pf, VfOperations.PortGuid(pf, vf, portGuid), (b, index) => RtnlRequests.SetVfGuid(b, index, vf, port: true, portGuid));
    }

    public void Dispose()
    {
        if (_owns)
        {
            _rtnl.Dispose();
        }
    }

    private void Send(string pf, string operation, Action<NetlinkMessageBuilder, int> encode)
    {
        for (var attempt = 0; ; attempt++)
        {
            var index = PfIndex(pf, operation);
            encode(_rtnl.Socket.Builder, index);
            try
            {
                _rtnl.Socket.Acknowledge(operation + _rtnl.Namespace);
                return;
            }
            catch (NetlinkException e) when (e.Errno == Errno.ENODEV && attempt == 0)
            {
                _ = _pfIndex.Remove(pf);
            }
        }
    }

    private int PfIndex(string pf, string operation)
    {
        if (_pfIndex.TryGetValue(pf, out var index))
        {
            return index;
        }

        var link = _rtnl.TryGetLink(pf) ?? throw new NetlinkException(operation + _rtnl.Namespace, Errno.ENODEV);
        _pfIndex[pf] = link.Index;
        return link.Index;
    }
}
