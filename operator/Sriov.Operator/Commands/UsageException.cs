namespace Sriov.Operator.Commands;

/// <summary>Bad command-line arguments; the message says which and how to fix them.</summary>
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
