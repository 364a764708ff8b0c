namespace Sriov.Host.Netlink;

/// <summary>
/// A request the kernel (or the driver behind it) refused. The message names the operation, the object and the errno
/// text, e.g. <c>set VF 3 VLAN 100 on ens1f0: Operation not supported (EOPNOTSUPP)</c>, followed by the kernel's
/// extended-ACK text when it sent one. <see cref="Errno"/> stays available so callers can sort errors into transient
/// (<see cref="IsTransient"/>) and permanent ones. The <c>IVfControl</c> driver emulator throws this same type.
/// </summary>
public sealed class NetlinkException : Exception
{
    public NetlinkException(string operation, int errno, string? extAck = null)
        : base(Format(operation, errno, extAck))
    {
        Operation = operation;
        Errno = errno;
        ExtAck = extAck;
    }

    public NetlinkException()
        : this("netlink request", Netlink.Errno.EIO)
    {
    }

    public NetlinkException(string message)
        : this(message, Netlink.Errno.EIO)
    {
    }

    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = message;
        Errno = Netlink.Errno.EIO;
    }

    /// <summary>What was attempted, on which object: <c>set VF 3 VLAN 100 on ens1f0</c>.</summary>
    public string Operation { get; }

    /// <summary>The positive errno value (95 for EOPNOTSUPP).</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name: <c>EOPNOTSUPP</c>.</summary>
    public string ErrnoName => Netlink.Errno.Name(Errno);

    /// <summary>The kernel's NETLINK_EXT_ACK message, when it sent one.</summary>
    public string? ExtAck { get; }

    /// <summary>See <see cref="Netlink.Errno.IsTransient"/>.</summary>
    public bool IsTransient => Netlink.Errno.IsTransient(Errno);

    private static string Format(string operation, int errno, string? extAck) =>
        string.IsNullOrEmpty(extAck)
            ? $"{operation}: {Netlink.Errno.Describe(errno)}"
            : $"{operation}: {Netlink.Errno.Describe(errno)}: {extAck}";
}
