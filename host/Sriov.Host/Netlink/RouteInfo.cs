using System.Globalization;
using System.Net;

namespace Sriov.Host.Netlink;

/// <summary>
/// A route to add, delete, or as listed. Defaults follow <c>ip route add</c>: main table, protocol boot, unicast,
/// scope link for a route with no gateway and universe otherwise (<see cref="EffectiveScope"/>).
/// </summary>
public sealed record RouteInfo
{
    /// <summary>Destination prefix; <c>0.0.0.0/0</c> or <c>::/0</c> for a default route.</summary>
    public required IPNetwork Destination { get; init; }

    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_OIF: the output interface's ifindex (0 for none).</summary>
    public int OutputInterface { get; init; }

    /// <summary>RTA_PRIORITY (the metric), when set.</summary>
    public uint? Priority { get; init; }

    /// <summary>Routing table id (254 main).</summary>
    public uint Table { get; init; } = 254;

    /// <summary>RT_SCOPE_*: 0 universe, 253 link, 254 host; null picks <see cref="EffectiveScope"/>.</summary>
    public byte? Scope { get; init; }

    /// <summary>RTPROT_*: 3 boot (iproute2's default), 2 kernel for routes the kernel made.</summary>
    public byte Protocol { get; init; } = 3;

    /// <summary>RTN_*: 1 unicast.</summary>
    public byte Type { get; init; } = 1;

    /// <summary>RTA_PREFSRC, when set.</summary>
    public IPAddress? PreferredSource { get; init; }

    public byte EffectiveScope => Scope ?? (Gateway is null ? (byte)253 : (byte)0);

    public override string ToString()
    {
        var text = Destination.ToString();
        if (Gateway is not null)
        {
            text += " via " + Gateway;
        }

        if (OutputInterface != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" oif {OutputInterface}");
        }

        if (Table != 254)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" table {Table}");
        }

        return text;
    }
}
