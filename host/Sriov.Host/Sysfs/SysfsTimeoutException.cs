namespace Sriov.Host.Sysfs;

/// <summary>A write was accepted but its result did not become visible in time; the message names what did not appear.</summary>
public sealed class SysfsTimeoutException : TimeoutException
{
    public SysfsTimeoutException()
    {
    }

    public SysfsTimeoutException(string message)
        : base(message)
    {
    }

    public SysfsTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
