namespace Sriov.Kube.Reconcile;

internal enum RequeueAction
{
    /// <summary>Done: reset the key's backoff, do not requeue.</summary>
    Forget,

    /// <summary>Reset the backoff and requeue after a fixed delay.</summary>
    After,

    /// <summary>Requeue after the key's rate-limited backoff.</summary>
    RateLimited,

    /// <summary>A terminal error: reset the backoff, do not requeue.</summary>
    Drop,
}
