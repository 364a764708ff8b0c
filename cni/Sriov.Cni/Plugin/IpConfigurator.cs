using System.Net;
using System.Net.Sockets;
using Sriov.Cni.Results;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Cni.Plugin;

/// <summary>
/// Puts IPAM's addresses and routes on the VF inside the pod, as containernetworking's <c>ipam.ConfigureIface</c> does
/// (spec cni.md §2.6): IPv6 enabled on the link (and <c>lo</c>) with <c>keep_addr_on_down</c>, each address added,
/// duplicate address detection awaited when an IPv6 gateway is used, then each route through the link with its own
/// gateway or else the first gateway of its family. CHECK uses <see cref="Verify"/> with the same gateway rule, so a
/// route ADD installed is a route CHECK finds (host-device's CHECK fails there, real-clients.md §1.1).
/// </summary>
internal sealed class IpConfigurator
{
    private const uint IfaFOptimistic = 0x04;
    private static readonly TimeSpan DadTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DadPoll = TimeSpan.FromMilliseconds(50);
    private readonly Action<TimeSpan> _sleep;

    public IpConfigurator(Action<TimeSpan> sleep) => _sleep = sleep;

    public void Configure(RouteNetlink podRtnl, NetNs pod, LinkInfo link, CniResult ipam)
    {
        if (ipam.Ips.Any(ip => !ip.Address.IsV4))
        {
            _ = NetnsSysctl.TryWrite(pod,
            [
                new(NetnsSysctl.InterfaceKey("ipv6", "lo", "disable_ipv6"), "0"),
                new(NetnsSysctl.InterfaceKey("ipv6", link.Name, "disable_ipv6"), "0"),
                new(NetnsSysctl.InterfaceKey("ipv6", link.Name, "keep_addr_on_down"), "1"),
            ]);
        }

        foreach (var ip in ipam.Ips)
        {
            try
            {
                podRtnl.AddAddress(link, ip.Address.Address, ip.Address.PrefixLength);
            }
            catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
            {
                // Already there (a retried step): the state we want.
            }
        }

        if (ipam.Ips.Any(ip => !ip.Address.IsV4 && ip.Gateway is not null))
        {
            WaitForDad(podRtnl, link);
        }

        foreach (var route in ipam.Routes)
        {
            try
            {
                podRtnl.AddRoute(ToRouteInfo(route, link.Index, ipam));
            }
            catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
            {
                // The kernel's own prefix route, or one added by a retried step.
            }
        }
    }

    /// <summary>CHECK: what of <paramref name="expected"/> the link lacks ("address 10.1.2.3/24 missing on net1").</summary>
    public static IReadOnlyList<string> Verify(RouteNetlink podRtnl, LinkInfo link, CniResult expected)
    {
        var problems = new List<string>();
        var addresses = podRtnl.GetAddresses(AddressFamily.Unspecified, link.Index);
        foreach (var ip in expected.Ips)
        {
            if (!addresses.Any(a => a.Address.Equals(ip.Address.Address) && a.PrefixLength == ip.Address.PrefixLength))
            {
                problems.Add($"address {ip.Address} missing on {link.Name}");
            }
        }

        foreach (var route in expected.Routes)
        {
            var want = ToRouteInfo(route, link.Index, expected);
            var family = route.Destination.IsV4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            var found = podRtnl.GetRoutes(family, want.Table).Any(r =>
                r.Destination.Equals(want.Destination)
                && Equals(r.Gateway, want.Gateway)
                && (r.OutputInterface == link.Index || r.OutputInterface == 0));
            if (!found)
            {
                problems.Add($"route {want.Destination}{(want.Gateway is null ? string.Empty : " via " + want.Gateway)} missing on {link.Name}");
            }
        }

        return problems;
    }

    private static RouteInfo ToRouteInfo(ResultRoute route, int index, CniResult ipam) => new()
    {
        Destination = route.Destination.Network,
        Gateway = route.Gateway ?? ipam.Ips.FirstOrDefault(ip => ip.Address.IsV4 == route.Destination.IsV4 && ip.Gateway is not null)?.Gateway,
        OutputInterface = index,
        Priority = route.Priority is { } p ? (uint)p : null,
        Table = route.Table is { } t ? (uint)t : 254,
        Scope = route.Scope is { } s ? (byte)s : null,
    };

    /// <summary>Waits (≤ 5 s) until no address of the link is tentative, unless optimistic (usable during DAD).</summary>
    private void WaitForDad(RouteNetlink podRtnl, LinkInfo link)
    {
        var waited = TimeSpan.Zero;
        while (waited < DadTimeout)
        {
            var pending = podRtnl.GetAddresses(AddressFamily.InterNetworkV6, link.Index)
                .Any(a => a.IsTentative && (a.Flags & IfaFOptimistic) == 0);
            if (!pending)
            {
                return;
            }

            _sleep(DadPoll);
            waited += DadPoll;
        }
    }

    /// <summary>The addresses of a result as plain IPs (announcements).</summary>
    public static IReadOnlyList<IPAddress> Addresses(CniResult result) => [.. result.Ips.Select(ip => ip.Address.Address)];
}
