using System.Net;
using Sriov.Host.Announce;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.Tests.Namespaces;
using Sriov.Sim.Capture;

namespace Sriov.Host.Tests.Announce;

/// <summary>The announcements leave the right interface of a netns: captured on the veth peer in another netns.</summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class NeighborAnnouncerTests : IDisposable
{
    private readonly TestNetns _ns = new();

    [Fact]
    public void Gratuitous_arp_and_unsolicited_na_are_sent_out_of_the_interface()
    {
        var sender = _ns.Add();
        var receiver = _ns.Add();
        var a = TestNetns.Ifname("ga");
        var b = TestNetns.Ifname("gb");
        TestNetns.Veth(sender, a, b);
        Shell.Check("ip", "-n", sender, "link", "set", b, "netns", receiver);
        Shell.Check("ip", "-n", sender, "link", "set", a, "up");
        Shell.Check("ip", "-n", receiver, "link", "set", b, "up");
        using var senderNs = _ns.Open(sender);
        using var receiverNs = _ns.Open(receiver);
        Shell.Check("ip", "-n", sender, "addr", "add", "fd00:77::7/64", "dev", a, "nodad"); // a usable source for the NA
        using var rtnl = RouteNetlink.OpenIn(senderNs);
        var link = rtnl.GetLink(a);
        using var receiverRtnl = RouteNetlink.OpenIn(receiverNs);
        var peerIndex = receiverRtnl.GetLink(b).Index;

        using var capture = PacketCapture.Open(receiverNs, peerIndex);
        var failures = NeighborAnnouncer.Announce(senderNs, link.Index, link.Mac!.Value, [IPAddress.Parse("192.0.2.77"), IPAddress.Parse("fd00:77::7")]);
        Assert.Empty(failures);

        var frames = capture.Receive(f => f.Any(PacketCapture.IsArp) && f.Any(PacketCapture.IsNeighborAdvertisement), TimeSpan.FromSeconds(2));
        var arp = frames.First(PacketCapture.IsArp);
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, arp[..6]); // broadcast
        Assert.Equal(AnnouncementPackets.GratuitousArp(link.Mac!.Value, IPAddress.Parse("192.0.2.77")), arp[14..42]);
        var na = frames.First(PacketCapture.IsNeighborAdvertisement);
        Assert.Equal(new byte[] { 0x33, 0x33, 0, 0, 0, 1 }, na[..6]); // ff02::1
        Assert.Equal(255, na[14 + 7]); // hop limit 255 (RFC 4861 §7.1.2)
        Assert.Equal(IPAddress.Parse("fd00:77::7").GetAddressBytes(), na[(54 + 8)..(54 + 24)]);
    }

    public void Dispose() => _ns.Dispose();
}
