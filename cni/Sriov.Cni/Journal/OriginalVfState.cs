using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Journal;

/// <summary>
/// The VF as ADD found it, before the first change: the PF-side attributes (upstream's <c>OrigVfState</c>) and the host
/// netdev (name, ifindex, MAC, MTU, altnames). DEL restores from it.
/// </summary>
internal sealed record OriginalVfState
{
    /// <summary>The PF reported this VF's attributes over netlink (false for drivers without SR-IOV netlink support).</summary>
    public bool PfReported { get; init; }

    public MacAddress AdminMac { get; init; }

    public int Vlan { get; init; }

    public int Qos { get; init; }

    public VlanProtocol VlanProtocol { get; init; } = VlanProtocol.Dot1Q;

    /// <summary>Null when the driver does not report it (the kernel's -1).</summary>
    public bool? SpoofCheck { get; init; }

    public bool? Trust { get; init; }

    public int MinTxRate { get; init; }

    public int MaxTxRate { get; init; }

    public VfLinkState? LinkState { get; init; }

    /// <summary>The netdev's name on the host; null in userspace mode.</summary>
    public string? HostIfName { get; init; }

    public int HostIfIndex { get; init; }

    /// <summary>The netdev's own MAC (IFLA_ADDRESS) before the move.</summary>
    public MacAddress? EffectiveMac { get; init; }

    public int Mtu { get; init; }

    public IReadOnlyList<string> AltNames { get; init; } = [];

    public static OriginalVfState Capture(VfInfo? vf, LinkInfo? netdev) => new()
    {
        PfReported = vf is not null,
        AdminMac = vf?.Mac ?? default,
        Vlan = vf?.Vlan ?? 0,
        Qos = vf?.Qos ?? 0,
        VlanProtocol = vf?.VlanProtocol ?? VlanProtocol.Dot1Q,
        SpoofCheck = vf?.SpoofCheck,
        Trust = vf?.Trust,
        MinTxRate = vf?.MinTxRateMbps ?? 0,
        MaxTxRate = vf?.MaxTxRateMbps ?? 0,
        LinkState = vf?.LinkState,
        HostIfName = netdev?.Name,
        HostIfIndex = netdev?.Index ?? 0,
        EffectiveMac = netdev?.Mac,
        Mtu = netdev?.Mtu ?? 0,
        AltNames = netdev?.AltNames ?? [],
    };
}
