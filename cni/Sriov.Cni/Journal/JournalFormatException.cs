namespace Sriov.Cni.Journal;

/// <summary>A file in the state directory is neither our journal nor an upstream cache.</summary>
internal sealed class JournalFormatException : Exception
{
    public JournalFormatException(string message)
        : base(message)
    {
    }

    public JournalFormatException()
    {
    }

    public JournalFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
