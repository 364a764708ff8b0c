namespace Sriov.Kube.Reconcile;

/// <summary>
/// The one place that turns a reconcile's outcome into what happens to its key, following controller-runtime's
/// controller: an error (other than terminal) is retried with the rate-limited backoff whatever the result said; a
/// terminal error is dropped; <c>RequeueAfter</c> resets the backoff and waits that long; <c>Requeue</c> backs off;
/// otherwise the key is forgotten.
/// </summary>
internal static class RequeuePolicy
{
    public static (RequeueAction Action, TimeSpan Delay) Decide(ReconcileResult result, Exception? error) =>
        error switch
        {
            TerminalReconcileException => (RequeueAction.Drop, TimeSpan.Zero),
            not null => (RequeueAction.RateLimited, TimeSpan.Zero),
            null when result.RequeueAfter > TimeSpan.Zero => (RequeueAction.After, result.RequeueAfter),
            null when result.Requeue => (RequeueAction.RateLimited, TimeSpan.Zero),
            null => (RequeueAction.Forget, TimeSpan.Zero),
        };
}
