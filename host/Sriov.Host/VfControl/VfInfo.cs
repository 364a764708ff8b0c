using Sriov.Host.Netlink;

namespace Sriov.Host.VfControl;

/// <summary>
/// One VF's PF-side attributes, as the PF reports them in IFLA_VFINFO_LIST (keyed by the <c>vf</c> field of each
/// struct, never by list position). Values the driver does not report are null: the kernel pre-fills spoofchk, trust
/// and RSS query with -1 and leaves them so when the driver's <c>ndo_get_vf_config</c> does not set them; GUIDs
/// appear only for InfiniBand drivers that implement <c>ndo_get_vf_guid</c>.
/// </summary>
public sealed record VfInfo
{
    public required int Vf { get; init; }

    /// <summary>The administrative MAC (zero when none is set).</summary>
    public MacAddress Mac { get; init; }

    public int Vlan { get; init; }

    public int Qos { get; init; }

    /// <summary>The VLAN protocol from IFLA_VF_VLAN_LIST; 802.1Q when the kernel sent only the legacy IFLA_VF_VLAN.</summary>
    public VlanProtocol VlanProtocol { get; init; } = VlanProtocol.Dot1Q;

    public int MinTxRateMbps { get; init; }

    public int MaxTxRateMbps { get; init; }

    public bool? SpoofCheck { get; init; }

    public bool? Trust { get; init; }

    public VfLinkState? LinkState { get; init; }

    public bool? RssQueryEnabled { get; init; }

    public ulong? NodeGuid { get; init; }

    public ulong? PortGuid { get; init; }
}
