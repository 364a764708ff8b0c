using System.Net;
using System.Net.Sockets;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Host.Announce;

/// <summary>
/// Sends <see cref="AnnouncementPackets"/> out of one interface of a network namespace: the sockets are created inside
/// the namespace (<see cref="NetnsSocket"/>; a socket keeps the namespace it was made in) and used from the
/// caller's thread. Gratuitous ARP goes through an <c>AF_PACKET</c>/<c>SOCK_DGRAM</c> socket to the Ethernet broadcast
/// address; the Neighbour Advertisement through a raw ICMPv6 socket to ff02::1 scoped to the interface, with hop limit
/// 255 (RFC 4861 §7.1.2: receivers drop an NA with any other hop limit). Best effort: the result lists what failed.
/// </summary>
public static class NeighborAnnouncer
{
    private const int AfPacket = 17;
    private const ushort EthPArp = 0x0806;
    private const int IpprotoIpv6 = 41;
    private const int IpprotoIcmpv6 = 58;
    private const int Ipv6MulticastIf = 17;
    private const int Ipv6MulticastHops = 18;

    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>Announces every address on the interface; returns one line per failure (empty when all were sent).</summary>
    public static IReadOnlyList<string> Announce(NetNs netns, int ifIndex, MacAddress mac, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ifIndex);
        var v4 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        var v6 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).ToList();
        var failures = new List<string>();
        if (v4.Count == 0 && v6.Count == 0)
        {
            return failures;
        }

        var arpErrno = 0;
        var naErrno = 0;
        var arpFd = v4.Count > 0 ? NetnsSocket.Open(netns, AfPacket, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, Swap(EthPArp), out arpErrno) : -1;
        var naFd = v6.Count > 0 ? NetnsSocket.Open(netns, LibC.AF_INET6, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, IpprotoIcmpv6, out naErrno) : -1;

        try
        {
            if (arpErrno != 0)
            {
                failures.Add("open packet socket for gratuitous ARP: " + Errno.Describe(arpErrno));
            }
            else if (arpFd >= 0)
            {
                foreach (var address in v4)
                {
                    var errno = SendArp(arpFd, ifIndex, AnnouncementPackets.GratuitousArp(mac, address));
                    if (errno != 0)
                    {
                        failures.Add($"send gratuitous ARP for {address}: {Errno.Describe(errno)}");
                    }
                }
            }

            if (naErrno != 0)
            {
                failures.Add("open ICMPv6 socket for neighbour advertisement: " + Errno.Describe(naErrno));
            }
            else if (naFd >= 0)
            {
                var errno = PrepareIcmpv6(naFd, ifIndex);
                foreach (var address in v6)
                {
                    if (errno == 0)
                    {
                        errno = SendNa(naFd, ifIndex, AnnouncementPackets.UnsolicitedNeighborAdvertisement(mac, address));
                    }

                    if (errno != 0)
                    {
                        failures.Add($"send neighbour advertisement for {address}: {Errno.Describe(errno)}");
                    }
                }
            }
        }
        finally
        {
            Close(arpFd);
            Close(naFd);
        }

        return failures;
    }

    private static unsafe int SendArp(int fd, int ifIndex, byte[] packet)
    {
        // struct sockaddr_ll: u16 family, be16 protocol, s32 ifindex, u16 hatype, u8 pkttype, u8 halen, u8 addr[8].
        var address = stackalloc byte[20];
        new Span<byte>(address, 20).Clear();
        *(ushort*)address = AfPacket;
        *(ushort*)(address + 2) = (ushort)Swap(EthPArp);
        *(int*)(address + 4) = ifIndex;
        address[11] = 6;
        new Span<byte>(address + 12, 6).Fill(0xff);
        fixed (byte* p = packet)
        {
            return LibC.sendto(fd, p, packet.Length, 0, (sockaddr*)address, 20) < 0 ? LibC.errno : 0;
        }
    }

    private static unsafe int PrepareIcmpv6(int fd, int ifIndex)
    {
        var hops = 255;
        if (LibC.setsockopt(fd, IpprotoIpv6, Ipv6MulticastHops, &hops, sizeof(int)) != 0)
        {
            return LibC.errno;
        }

        var index = ifIndex;
        return LibC.setsockopt(fd, IpprotoIpv6, Ipv6MulticastIf, &index, sizeof(int)) != 0 ? LibC.errno : 0;
    }

    private static unsafe int SendNa(int fd, int ifIndex, byte[] packet)
    {
        // struct sockaddr_in6: u16 family, be16 port, u32 flowinfo, u8 addr[16], u32 scope_id.
        var address = stackalloc byte[28];
        new Span<byte>(address, 28).Clear();
        *(ushort*)address = (ushort)LibC.AF_INET6;
        AllNodes.TryWriteBytes(new Span<byte>(address + 8, 16), out _);
        *(uint*)(address + 24) = (uint)ifIndex;
        fixed (byte* p = packet)
        {
            return LibC.sendto(fd, p, packet.Length, 0, (sockaddr*)address, 28) < 0 ? LibC.errno : 0;
        }
    }

    private static int Swap(ushort value) => (ushort)((value << 8) | (value >> 8));

    private static void Close(int fd)
    {
        if (fd >= 0)
        {
            _ = LibC.close(fd);
        }
    }
}
