using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Sriov.Host.Namespaces;

namespace Sriov.Host.Netlink;

/// <summary>
/// A subscription to RTNLGRP_LINK: the kernel multicasts an RTM_NEWLINK whenever a device changes (flags, carrier,
/// operstate, name, MTU) and an RTM_DELLINK when one disappears, so link state is followed without polling. Reads are
/// asynchronous through the runtime's epoll engine (the netlink fd is wrapped in a <see cref="Socket"/>), so no thread
/// blocks. When the kernel drops events because the queue overflowed (ENOBUFS), an <see cref="LinkEventKind.Overflow"/>
/// event tells the subscriber to re-read what it tracks. Link notifications carry no VF list (the kernel builds them
/// with an empty ext filter mask), so they stay small.
/// </summary>
public sealed class LinkEventSubscription : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Queue<LinkEvent> _pending = new();

    private LinkEventSubscription(Socket socket) => _socket = socket;

    /// <summary>Subscribes in the caller's namespace, or in <paramref name="netns"/>.</summary>
    public static LinkEventSubscription Open(NetNs? netns = null)
    {
        var netlink = NetlinkSocket.Open(Nl.NETLINK_ROUTE, netns);
        try
        {
            netlink.JoinGroup(Rtnl.RTNLGRP_LINK);
            // A large queue makes overflow rare when many VFs change at once (a PF flap changes every VF's carrier).
            var socket = new Socket(new SafeSocketHandle(netlink.Fd, ownsHandle: true));
            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            return new LinkEventSubscription(socket);
        }
        catch
        {
            netlink.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the next event.</summary>
    public async ValueTask<LinkEvent> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (_pending.Count == 0)
        {
            int length;
            try
            {
                length = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                return new LinkEvent(LinkEventKind.Overflow, null);
            }

            Decode(_buffer.AsSpan(0, length), _pending);
        }

        return _pending.Dequeue();
    }

    /// <summary>Events until cancelled.</summary>
    public async IAsyncEnumerable<LinkEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _socket.Dispose();

    internal static void Decode(ReadOnlySpan<byte> datagram, Queue<LinkEvent> into)
    {
        foreach (var message in new NetlinkMessages(datagram))
        {
            var kind = message.Type switch
            {
                Rtnl.RTM_NEWLINK => LinkEventKind.Changed,
                Rtnl.RTM_DELLINK => LinkEventKind.Removed,
                _ => (LinkEventKind?)null,
            };
            if (kind is { } k && LinkParser.Parse(message.Payload) is { } link)
            {
                into.Enqueue(new LinkEvent(k, link));
            }
        }
    }
}
