namespace Sriov.ConfigDaemon.Apply;

/// <summary>A VF the step must rebind or remove was allocated to a live pod after the plan was made (found under its lock).</summary>
internal sealed class VfConflictException : Exception
{
    public VfConflictException()
    {
    }

    public VfConflictException(string message)
        : base(message)
    {
    }

    public VfConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
