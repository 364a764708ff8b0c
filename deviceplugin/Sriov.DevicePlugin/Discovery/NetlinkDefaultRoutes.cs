using System.Net.Sockets;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// Upstream's exclusion rule, with one dump instead of a route query per netdev: IPv4 routes of the main table with an
/// empty destination (0.0.0.0/0) name their output interfaces; those netdevs carry the default route.
/// </summary>
internal sealed class NetlinkDefaultRoutes(NetNs? netns = null) : IDefaultRoutes
{
    private const uint MainTable = 254;

    public IReadOnlySet<string> Read()
    {
        using var rtnl = netns is null ? RouteNetlink.Open() : RouteNetlink.OpenIn(netns);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in rtnl.GetRoutes(AddressFamily.InterNetwork, MainTable))
        {
            if (route.Destination.PrefixLength == 0 && route.OutputInterface > 0
                && rtnl.TryGetLink(route.OutputInterface) is { } link)
            {
                names.Add(link.Name);
            }
        }

        return names;
    }
}
