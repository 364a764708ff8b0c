using Sriov.Host.Netlink;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Netlink;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class LinkEventSubscriptionTests : IDisposable
{
    private readonly TestNetns _ns = new();

    public void Dispose() => _ns.Dispose();

    [Fact]
    public async Task Link_changes_and_removals_arrive_as_events()
    {
        var a = _ns.Add();
        var dev = TestNetns.Ifname("ev");
        var peer = TestNetns.Ifname("evp");
        TestNetns.Veth(a, dev, peer);
        using var events = LinkEventSubscription.Open(_ns.Open(a));
        using var rtnl = RouteNetlink.OpenIn(_ns.Open(a));
        var link = rtnl.GetLink(dev);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        rtnl.SetUp(link);
        var up = await Next(events, e => e.Kind == LinkEventKind.Changed && e.Link!.Name == dev && e.Link.IsUp, timeout.Token);
        rtnl.SetMtu(link, 1300);
        var mtu = await Next(events, e => e.Kind == LinkEventKind.Changed && e.Link!.Name == dev && e.Link.Mtu == 1300, timeout.Token);
        // Carrier follows the peer: bring it up too and the device reports IFF_RUNNING.
        rtnl.SetUp(rtnl.GetLink(peer));
        var running = await Next(events, e => e.Kind == LinkEventKind.Changed && e.Link!.Name == dev && e.Link.IsRunning, timeout.Token);
        Shell.Check("ip", "-n", a, "link", "del", dev);
        var removed = await Next(events, e => e.Kind == LinkEventKind.Removed && e.Link!.Name == dev, timeout.Token);

        Assert.Equal(link.Index, up.Link!.Index);
        Assert.Equal(1300, mtu.Link!.Mtu);
        Assert.True(running.Link!.Carrier);
        Assert.Equal(link.Index, removed.Link!.Index);
    }

    private static async Task<LinkEvent> Next(LinkEventSubscription events, Func<LinkEvent, bool> match, CancellationToken token)
    {
        while (true)
        {
            var e = await events.ReceiveAsync(token);
            if (e.Link is not null && match(e))
            {
                return e;
            }
        }
    }
}
