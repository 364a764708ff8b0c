using Sriov.ConfigDaemon.Planning;

namespace Sriov.ConfigDaemon.Apply;

/// <summary>
/// A step of a plan failed. The message names the step (its number, what it does, on which PF and VF) and why, e.g.
/// <c>step 3/9 bindDriver VF 0000:3b:01.0 (#0 of PF 0000:3b:00.0 ens1f0) iavf → vfio-pci failed: ...</c>; it is what
/// <c>lastSyncError</c> says. Earlier steps stay applied (each was complete); the next run continues from there.
/// </summary>
internal sealed class ApplyException : Exception
{
    public ApplyException(int step, int total, PlanAction action, Exception inner)
        : base($"step {step}/{total} {action.Describe()} failed: {inner.Message}", inner)
    {
        Step = step;
        Action = action;
    }

    public ApplyException()
    {
    }

    public ApplyException(string message)
        : base(message)
    {
    }

    public ApplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Step { get; }

    public PlanAction? Action { get; }
}
