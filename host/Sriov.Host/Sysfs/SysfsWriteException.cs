namespace Sriov.Host.Sysfs;

/// <summary>The kernel refused a sysfs write with an errno; the message says what was written where and what to do.</summary>
public sealed class SysfsWriteException : IOException
{
    public SysfsWriteException(string message, string path, string content, int errno)
        : base(message, errno)
    {
        Path = path;
        Content = content;
        Errno = errno;
    }

    public SysfsWriteException()
        : this("sysfs write failed", "", "", 0)
    {
    }

    public SysfsWriteException(string message)
        : this(message, "", "", 0)
    {
    }

    public SysfsWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
        Content = "";
    }

    /// <summary>The attribute written.</summary>
    public string Path { get; }

    /// <summary>What was written (without a trailing newline).</summary>
    public string Content { get; }

    /// <summary>The errno the write returned (see <see cref="Netlink.Errno"/>).</summary>
    public int Errno { get; }
}
