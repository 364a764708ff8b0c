namespace Sriov.Kube.Reconcile;

/// <summary>
/// What a reconcile asks of the loop (controller-runtime's <c>reconcile.Result</c>): nothing more (<see cref="Done"/>),
/// to look again after a fixed time (<see cref="After"/>, e.g. to poll a drain), or to be retried with the rate-limited
/// backoff (<see cref="Retry"/>) without it being an error. Failures are exceptions: see <see cref="ReconcileLoop{TKey}"/>.
/// </summary>
public readonly record struct ReconcileResult
{
    /// <summary>Requeue after this delay when positive.</summary>
    public TimeSpan RequeueAfter { get; init; }

    /// <summary>Requeue with the item's rate-limited backoff.</summary>
    public bool Requeue { get; init; }

    public static ReconcileResult Done => default;

    public static ReconcileResult Retry => new() { Requeue = true };

    public static ReconcileResult After(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new ReconcileResult { RequeueAfter = delay };
    }
}
