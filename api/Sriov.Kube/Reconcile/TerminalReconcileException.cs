namespace Sriov.Kube.Reconcile;

/// <summary>
/// A failure that retrying cannot fix (invalid input that only a new version of the object can change), as
/// controller-runtime's <c>reconcile.TerminalError</c>: logged, and the key is not requeued. The next change of the
/// object queues it again.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
