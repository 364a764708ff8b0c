using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Cni.Plugin;

/// <summary>
/// The VF netdev's way into the pod: one RTM_SETLINK that moves it into the pod's netns and renames it there (no
/// temporary namespace, no second move: the kernel's ~20 ms netns move is paid once), then, inside the pod, the
/// announcement knobs, the requested MAC (verified) and link up.
/// </summary>
internal sealed class PodNetdev
{
    private readonly Action<TimeSpan> _sleep;

    public PodNetdev(Action<TimeSpan> sleep) => _sleep = sleep;

    /// <summary>
    /// Moves <paramref name="hostLink"/> into <paramref name="pod"/> as <paramref name="ifName"/>. When the request
    /// fails after the move happened (the rename part refused: the kernel moves first), the device is found in the pod
    /// under its host name (and its MAC) and moved back before the error is rethrown, so nothing is left in the pod.
    /// </summary>
    public static void MoveIn(RouteNetlink host, RouteNetlink podRtnl, LinkInfo hostLink, NetNs pod, NetNs hostNs, string ifName)
    {
        try
        {
            host.MoveToNetns(hostLink, pod, ifName);
        }
        catch (NetlinkException)
        {
            var half = podRtnl.FindMovedLink(hostLink.Index, hostLink.Name, ifName, hostLink.Mac);
            if (half is not null)
            {
                podRtnl.MoveToNetns(half, hostNs, hostLink.Name);
            }

            throw;
        }
    }

    /// <summary>
    /// Inside the pod: drops the host name from the altnames (it would clash with the name when the VF returns, sriov-cni
    /// #250), turns on gratuitous ARP / unsolicited NA on address changes (<c>arp_notify</c>, <c>ndisc_notify</c>) and
    /// optimistic DAD, as upstream does (failures ignored: IPv6 may be off), sets the requested MAC with verification,
    /// and brings the link up. Returns the link as it is now, and whether the kernel will announce it (arp_notify set).
    /// </summary>
    public (LinkInfo Link, bool KernelAnnounces) Configure(RouteNetlink podRtnl, NetNs pod, string ifName, string hostName, MacAddress? mac)
    {
        var link = podRtnl.GetLink(ifName);
        if (link.AltNames.Contains(hostName, StringComparer.Ordinal))
        {
            TryDeleteAltName(podRtnl, link, hostName);
        }

        var failed = NetnsSysctl.TryWrite(pod,
        [
            new(NetnsSysctl.InterfaceKey("ipv4", ifName, "arp_notify"), "1"),
            new(NetnsSysctl.InterfaceKey("ipv6", ifName, "ndisc_notify"), "1"),
            new(NetnsSysctl.InterfaceKey("ipv6", ifName, "optimistic_dad"), "1"),
        ]);

        if (mac is { } wanted && link.Mac != wanted)
        {
            SetMacVerified(podRtnl, link, wanted);
        }

        podRtnl.SetUp(link);
        return (podRtnl.GetLink(link.Index), !failed.Any(f => f.Key.EndsWith("/arp_notify", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Sets the netdev's own MAC and reads it back, up to 20 times 100 ms apart: i40e/iavf push the PF-set admin MAC to
    /// the VF netdev asynchronously, mlx5 needs it set explicitly (spec cni.md §2.5).
    /// </summary>
    public void SetMacVerified(RouteNetlink rtnl, LinkRef link, MacAddress mac)
    {
        MacAddress? seen = null;
        for (var attempt = 1; attempt <= PfConfigurator.MacAttempts; attempt++)
        {
            try
            {
                rtnl.SetMac(link, mac);
                seen = rtnl.GetLink(link.Index).Mac;
                if (seen == mac)
                {
                    return;
                }
            }
            catch (NetlinkException e) when (e.IsTransient && attempt < PfConfigurator.MacAttempts)
            {
            }

            _sleep(PfConfigurator.MacInterval);
        }

        throw new IOException($"set MAC {mac} on {link.Name}{rtnl.Namespace}: the device still has {seen} after {PfConfigurator.MacAttempts} attempts");
    }

    public static void TryDeleteAltName(RouteNetlink rtnl, LinkRef link, string altName)
    {
        try
        {
            rtnl.DeleteAltName(link, altName);
        }
        catch (NetlinkException)
        {
            // Kernels before 5.5 have no altnames; a name another agent removed first is fine too.
        }
    }
}
