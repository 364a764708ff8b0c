using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sriov.Host.Announce;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Host.Tests.Namespaces;

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

        // Capture everything arriving on the peer (ETH_P_ALL) from a socket made inside the receiver's netns.
        using var capture = NetnsRunner.Run(receiverNs, () => new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)0x0300));
        capture.Bind(new LinkLayerEndPoint(peerIndex));
        capture.ReceiveTimeout = 2000;

        var failures = NeighborAnnouncer.Announce(senderNs, link.Index, link.Mac!.Value, [IPAddress.Parse("192.0.2.77"), IPAddress.Parse("fd00:77::7")]);
        Assert.Empty(failures);

        var frames = new List<byte[]>();
        var buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2) && !(HasArp(frames) && HasNa(frames)))
        {
            try
            {
                var n = capture.Receive(buffer);
                frames.Add(buffer[..n]);
            }
            catch (SocketException)
            {
                break;
            }
        }

        var arp = frames.First(f => f[12] == 0x08 && f[13] == 0x06);
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, arp[..6]); // broadcast
        Assert.Equal(AnnouncementPackets.GratuitousArp(link.Mac!.Value, IPAddress.Parse("192.0.2.77")), arp[14..42]);
        var na = frames.First(IsNa);
        Assert.Equal(new byte[] { 0x33, 0x33, 0, 0, 0, 1 }, na[..6]); // ff02::1
        Assert.Equal(255, na[14 + 7]); // hop limit 255 (RFC 4861 §7.1.2)
        Assert.Equal(IPAddress.Parse("fd00:77::7").GetAddressBytes(), na[(54 + 8)..(54 + 24)]);
    }

    public void Dispose() => _ns.Dispose();

    private static bool HasArp(List<byte[]> frames) => frames.Any(f => f.Length > 14 && f[12] == 0x08 && f[13] == 0x06);

    private static bool HasNa(List<byte[]> frames) => frames.Any(IsNa);

    private static bool IsNa(byte[] f) => f.Length >= 86 && f[12] == 0x86 && f[13] == 0xdd && f[20] == 58 && f[54] == 136;

    private sealed class LinkLayerEndPoint(int ifIndex) : EndPoint
    {
        public override AddressFamily AddressFamily => AddressFamily.Packet;

        public override SocketAddress Serialize()
        {
            // struct sockaddr_ll: family, protocol (ETH_P_ALL, big-endian), ifindex, hatype, pkttype, halen, addr[8].
            var address = new SocketAddress(AddressFamily.Packet, 20);
            address[2] = 0x00;
            address[3] = 0x03;
            BitConverter.GetBytes(ifIndex).CopyTo(address.Buffer.Span[4..8]);
            return address;
        }
    }
}
