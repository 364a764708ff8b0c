using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Health;

/// <summary>A netdev's administrative state and carrier, from sysfs or from an RTNLGRP_LINK event.</summary>
internal readonly record struct LinkState(bool Up, bool Carrier)
{
    private const uint IffLowerUp = 0x10000;

    public bool Usable => Up && Carrier;

    /// <summary>From sysfs: <c>carrier</c> is unreadable (null) exactly while the interface is administratively down.</summary>
    public static LinkState From(NetdevInfo netdev) => new(netdev.Carrier is not null, netdev.Carrier == true);

    /// <summary>From a link message: IFF_UP, and IFLA_CARRIER (or IFF_LOWER_UP when the attribute is absent).</summary>
    public static LinkState From(LinkInfo link) => new(link.IsUp, link.Carrier ?? ((link.Flags & IffLowerUp) != 0));

    public override string ToString() => !Up ? "down" : Carrier ? "up" : "no carrier";
}
