using System.Globalization;
using System.Runtime.InteropServices;
using Sriov.Host.Namespaces;
using Tmds.Linux;

namespace Sriov.Host.Netlink;

/// <summary>
/// A netlink socket (through Tmds.LibC) with request/ACK correlation: every request gets the next sequence number,
/// replies with another sequence number (left over from an earlier, timed-out request) are skipped, NLMSG_ERROR with a
/// negative errno becomes a <see cref="NetlinkException"/> carrying the kernel's extended-ACK text, and dumps run to
/// NLMSG_DONE (retried when the kernel flags them NLM_F_DUMP_INTR). The receive buffer starts at 64 KiB and grows to
/// the size the kernel reports through MSG_PEEK|MSG_TRUNC, so a PF with 256 VFs (one RTM_NEWLINK of 50+ KiB) fits.
/// A socket belongs to the namespace it was created in; <see cref="Open"/> creates it inside a given namespace on a
/// dedicated thread and then uses it from the caller's thread. Not thread-safe: one request at a time.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int MSG_PEEK = 0x2;
    private const int MSG_TRUNC = 0x20;
    private const int InitialReceiveBuffer = 64 * 1024;
    private const int DumpAttempts = 3;

    private readonly string _description;
    private int _fd;
    private uint _sequence;
    private byte[] _receive = new byte[InitialReceiveBuffer];

    private NetlinkSocket(int fd, string description)
    {
        _fd = fd;
        _description = description;
        // iproute2 starts at time(NULL); any start works, a varying one avoids matching a stale reply after reuse.
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Reusable request builder (one per socket).</summary>
    public NetlinkMessageBuilder Builder { get; } = new();

    /// <summary>The port id the kernel assigned at bind time.</summary>
    public uint PortId { get; private set; }

    /// <summary>How long a request waits for the kernel's answer.</summary>
    public static TimeSpan ReplyTimeout { get; } = TimeSpan.FromSeconds(60);

    internal int Fd => _fd;

    /// <summary>
    /// Opens a socket of <paramref name="protocol"/>, inside <paramref name="netns"/> when given (else in the calling
    /// thread's namespace), with NETLINK_EXT_ACK (error text), NETLINK_CAP_ACK (ACKs without the echoed request) and
    /// NETLINK_GET_STRICT_CHK (kernel-side dump filtering), bound to a kernel-assigned port.
    /// </summary>
    public static NetlinkSocket Open(int protocol, NetNs? netns = null)
    {
        var type = LibC.SOCK_RAW | LibC.SOCK_CLOEXEC;
        int fd, errno;
        if (netns is null)
        {
            fd = LibC.socket(Nl.AF_NETLINK, type, protocol);
            errno = fd < 0 ? LibC.errno : 0;
        }
        else
        {
            fd = NetnsSocket.Open(netns, Nl.AF_NETLINK, type, protocol, out errno);
        }

        if (fd < 0)
        {
            throw new NetlinkException(netns is null ? "open netlink socket" : $"open netlink socket in netns {netns.Path}", errno);
        }

        var description = netns is null ? "netlink" : $"netlink in {netns.Path}";
        var socket = new NetlinkSocket(fd, description);
        try
        {
            socket.Configure();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Joins a multicast group (e.g. RTNLGRP_LINK) for event subscription.</summary>
    public void JoinGroup(uint group)
    {
        SetOption(Nl.SOL_NETLINK, Nl.NETLINK_ADD_MEMBERSHIP, (int)group, "join multicast group " + group.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Sends the builder's message and waits for its ACK (the caller set NLM_F_ACK).</summary>
    public void Acknowledge(string operation) => Execute(operation, (object?)null, null);

    /// <summary>
    /// Sends the builder's message and hands every reply message (not NLMSG_ERROR/DONE) to <paramref name="onMessage"/>.
    /// Ends at the ACK (requests with NLM_F_ACK), at NLMSG_DONE (dumps), or after the first reply (plain gets).
    /// </summary>
    public void Execute<TState>(string operation, TState state, MessageHandler<TState>? onMessage)
    {
        _ = Exchange(operation, state, onMessage);
    }

    /// <summary>Runs a dump, restarting it (after <paramref name="reset"/>) if the kernel reports it inconsistent.</summary>
    public void Dump<TState>(string operation, TState state, MessageHandler<TState> onMessage, Action<TState> reset)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!Exchange(operation, state, onMessage) || attempt == DumpAttempts)
            {
                return;
            }

            reset(state);
        }
    }

    /// <summary>Receives one datagram into the internal buffer, growing it to fit; returns its length.</summary>
    public int ReceiveDatagram(string operation)
    {
        while (true)
        {
            nint size;
            fixed (byte* p = _receive)
            {
                size = (nint)LibC.recv(_fd, p, 0, MSG_PEEK | MSG_TRUNC);
            }

            if (size >= 0 && size > _receive.Length)
            {
                _receive = new byte[(int)size + 4096];
            }

            fixed (byte* p = _receive)
            {
                size = size < 0 ? size : (nint)LibC.recv(_fd, p, _receive.Length, 0);
            }

            if (size >= 0)
            {
                return (int)size;
            }

            var errno = LibC.errno;
            if (errno == Errno.EINTR)
            {
                continue;
            }

            if (errno == Errno.EAGAIN)
            {
                throw new NetlinkException(
                    $"{operation}: no answer from the kernel on {_description} within {ReplyTimeout.TotalSeconds:0} s", Errno.ETIMEDOUT);
            }

            throw new NetlinkException($"{operation}: receive on {_description}", errno);
        }
    }

    /// <summary>The bytes of the last received datagram.</summary>
    public ReadOnlySpan<byte> Received(int length) => _receive.AsSpan(0, length);

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = LibC.close(_fd);
            _fd = -1;
        }
    }

    private void Configure()
    {
        SetOption(Nl.SOL_NETLINK, Nl.NETLINK_EXT_ACK, 1, "enable NETLINK_EXT_ACK");
        SetOption(Nl.SOL_NETLINK, Nl.NETLINK_CAP_ACK, 1, "enable NETLINK_CAP_ACK");
        // Strict checking exists since Linux 4.20; older kernels answer ENOPROTOOPT, and we then filter in user space.
        _ = TrySetOption(Nl.SOL_NETLINK, Nl.NETLINK_GET_STRICT_CHK, 1);

        var timeout = stackalloc long[2];
        timeout[0] = (long)ReplyTimeout.TotalSeconds;
        timeout[1] = 0;
        if (LibC.setsockopt(_fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, timeout, 16) != 0)
        {
            throw new NetlinkException($"set SO_RCVTIMEO on {_description}", LibC.errno);
        }

        var address = stackalloc byte[12];
        new Span<byte>(address, 12).Clear();
        *(ushort*)address = Nl.AF_NETLINK;
        if (LibC.bind(_fd, (sockaddr*)address, 12) != 0)
        {
            throw new NetlinkException($"bind {_description}", LibC.errno);
        }

        socklen_t length = 12;
        if (LibC.getsockname(_fd, (sockaddr*)address, &length) != 0)
        {
            throw new NetlinkException($"getsockname {_description}", LibC.errno);
        }

        PortId = *(uint*)(address + 4);
    }

    private void SetOption(int level, int name, int value, string what)
    {
        if (!TrySetOption(level, name, value))
        {
            throw new NetlinkException($"{what} on {_description}", LibC.errno);
        }
    }

    private bool TrySetOption(int level, int name, int value) =>
        LibC.setsockopt(_fd, level, name, &value, sizeof(int)) == 0;

    /// <summary>Returns true when a dump was interrupted (NLM_F_DUMP_INTR) and should be repeated.</summary>
    private bool Exchange<TState>(string operation, TState state, MessageHandler<TState>? onMessage)
    {
        var flags = Builder.Flags;
        var isDump = (flags & Nl.NLM_F_DUMP) == Nl.NLM_F_DUMP;
        var wantsAck = (flags & Nl.NLM_F_ACK) != 0;
        var sequence = unchecked(++_sequence);
        Send(operation, Builder.Finish(sequence));

        var interrupted = false;
        while (true)
        {
            var length = ReceiveDatagram(operation);
            foreach (var message in new NetlinkMessages(_receive.AsSpan(0, length)))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                interrupted |= (message.Flags & Nl.NLM_F_DUMP_INTR) != 0;
                switch (message.Type)
                {
                    case Nl.NLMSG_NOOP:
                        continue;
                    case Nl.NLMSG_ERROR:
                        var errno = NetlinkErrorReply.Errno(message.Payload);
                        if (errno != 0)
                        {
                            throw new NetlinkException(operation, errno, NetlinkErrorReply.ExtAckMessage(message.Flags, message.Payload));
                        }

                        return interrupted;
                    case Nl.NLMSG_DONE:
                        var doneErrno = NetlinkErrorReply.Errno(message.Payload);
                        if (message.Payload.Length >= 4 && doneErrno > 0)
                        {
                            throw new NetlinkException(operation, doneErrno, NetlinkErrorReply.ExtAckMessage(message.Flags, message.Payload));
                        }

                        return interrupted;
                    default:
                        onMessage?.Invoke(state, message.Type, message.Payload);
                        if (!isDump && !wantsAck)
                        {
                            return false;
                        }

                        break;
                }
            }
        }
    }

    private void Send(string operation, ReadOnlySpan<byte> message)
    {
        var kernel = stackalloc byte[12];
        new Span<byte>(kernel, 12).Clear();
        *(ushort*)kernel = Nl.AF_NETLINK;
        while (true)
        {
            nint sent;
            fixed (byte* p = message)
            {
                sent = (nint)LibC.sendto(_fd, p, message.Length, 0, (sockaddr*)kernel, 12);
            }

            if (sent >= 0)
            {
                return;
            }

            var errno = LibC.errno;
            if (errno != Errno.EINTR)
            {
                throw new NetlinkException($"{operation}: send on {_description}", errno);
            }
        }
    }
}

/// <summary>Receives one reply message of a request or dump.</summary>
internal delegate void MessageHandler<in TState>(TState state, ushort type, ReadOnlySpan<byte> payload);
