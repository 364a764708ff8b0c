namespace Sriov.ConfigDaemon.Commands;

/// <summary>Bad command-line usage or unusable input; the command prints the message and the usage and exits 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
