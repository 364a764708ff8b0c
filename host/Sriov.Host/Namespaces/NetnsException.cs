namespace Sriov.Host.Namespaces;

/// <summary>A network namespace could not be opened, validated, entered or created. <see cref="Errno"/> is 0 when the
/// failure was a validation (not a system call) error.</summary>
public class NetnsException : Exception
{
    public NetnsException(string message, int errno = 0)
        : base(message)
    {
        Errno = errno;
    }

    public NetnsException()
    {
    }

    public NetnsException(string message)
        : base(message)
    {
    }

    public NetnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Errno { get; }
}
