using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sriov.Host.Namespaces;

namespace Sriov.Sim.Capture;

/// <summary>
/// Every frame arriving on one interface of a network namespace (an AF_PACKET socket, ETH_P_ALL, made inside the
/// namespace on a <see cref="NetnsRunner"/> thread and read from the caller's): for tests that check what went out on
/// the wire, such as gratuitous ARP and neighbour advertisements, by listening on the far end of a veth.
/// </summary>
public sealed class PacketCapture : IDisposable
{
    private readonly Socket _socket;

    private PacketCapture(Socket socket) => _socket = socket;

    /// <summary>Starts capturing on the interface with <paramref name="ifIndex"/> in <paramref name="netns"/>.</summary>
    public static PacketCapture Open(NetNs netns, int ifIndex)
    {
        var socket = NetnsRunner.Run(netns, () => new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)0x0300));
        try
        {
            socket.Bind(new LinkLayerEndPoint(ifIndex));
            socket.ReceiveTimeout = 200;
            return new PacketCapture(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Collects frames until <paramref name="done"/> holds for what was collected, or the time is up.</summary>
    public IReadOnlyList<byte[]> Receive(Func<IReadOnlyList<byte[]>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        var frames = new List<byte[]>();
        var buffer = new byte[4096];
        var clock = Stopwatch.StartNew();
        while (!done(frames) && clock.Elapsed < timeout)
        {
            try
            {
                var n = _socket.Receive(buffer);
                frames.Add(buffer[..n]);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
            }
        }

        return frames;
    }

    /// <summary>An Ethernet frame carrying ARP.</summary>
    public static bool IsArp(byte[] frame) => frame.Length >= 42 && frame[12] == 0x08 && frame[13] == 0x06;

    /// <summary>An Ethernet frame carrying an ICMPv6 Neighbour Advertisement (no extension headers).</summary>
    public static bool IsNeighborAdvertisement(byte[] frame) =>
        frame.Length >= 78 && frame[12] == 0x86 && frame[13] == 0xdd && frame[20] == 58 && frame[54] == 136;

    public void Dispose() => _socket.Dispose();

    private sealed class LinkLayerEndPoint(int ifIndex) : EndPoint
    {
        public override AddressFamily AddressFamily => AddressFamily.Packet;

        // struct sockaddr_ll: u16 family, be16 protocol (ETH_P_ALL), s32 ifindex, then hatype, pkttype, halen, addr.
        public override SocketAddress Serialize()
        {
            var address = new SocketAddress(AddressFamily.Packet, 20);
            address[3] = 0x03;
            BitConverter.GetBytes(ifIndex).CopyTo(address.Buffer.Span[4..8]);
            return address;
        }
    }
}
