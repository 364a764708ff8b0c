using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Sriov.Host.Netlink;

namespace Sriov.Host.Announce;

/// <summary>
/// The payloads that tell a network an address moved to a new MAC (a VF that just arrived in a pod): a gratuitous ARP
/// request (RFC 5227 §3, "ARP Announcement": sender and target IP both ours) and an unsolicited IPv6 Neighbour
/// Advertisement (RFC 4861 §7.2.6: Override set, Solicited clear, target link-layer address option). Pure builders, so
/// the bytes are tested on their own; <see cref="NeighborAnnouncer"/> sends them.
/// </summary>
public static class AnnouncementPackets
{
    /// <summary>ARP payload length for Ethernet/IPv4 (the link layer header is added by the packet socket).</summary>
    public const int ArpLength = 28;

    /// <summary>ICMPv6 Neighbour Advertisement with one target link-layer address option.</summary>
    public const int NeighborAdvertisementLength = 32;

    /// <summary>
    /// ARP request, htype 1 (Ethernet), ptype 0x0800, sender = target IP = <paramref name="address"/>. The target
    /// hardware address is zero as RFC 5227 asks (upstream sriov-cni writes broadcast there; receivers ignore the field
    /// in a request either way).
    /// </summary>
    public static byte[] GratuitousArp(MacAddress mac, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"address: {address} is not an IPv4 address", nameof(address));
        }

        var packet = new byte[ArpLength];
        var span = packet.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, 1);            // htype: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 0x0800);  // ptype: IPv4
        span[4] = 6;                                               // hlen
        span[5] = 4;                                               // plen
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 1);       // op: request
        mac.CopyTo(span[8..]);                                     // sender hardware address
        address.TryWriteBytes(span[14..], out _);                  // sender protocol address
        address.TryWriteBytes(span[24..], out _);                  // target protocol address (target MAC stays zero)
        return packet;
    }

    /// <summary>
    /// ICMPv6 type 136 code 0, flags Override, target <paramref name="address"/>, option 2 (target link-layer address)
    /// carrying <paramref name="mac"/>. The checksum is left zero: the kernel computes it for raw ICMPv6 sockets
    /// (RFC 3542 §3.1, always on for IPPROTO_ICMPV6).
    /// </summary>
    public static byte[] UnsolicitedNeighborAdvertisement(MacAddress mac, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"address: {address} is not an IPv6 address", nameof(address));
        }

        var packet = new byte[NeighborAdvertisementLength];
        var span = packet.AsSpan();
        span[0] = 136;                                                 // type: Neighbour Advertisement
        span[1] = 0;                                                   // code
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 0x2000_0000); // R=0, S=0, O=1
        address.TryWriteBytes(span[8..], out _);                       // target address
        span[24] = 2;                                                  // option: target link-layer address
        span[25] = 1;                                                  // length in units of 8 bytes
        mac.CopyTo(span[26..]);
        return packet;
    }
}
