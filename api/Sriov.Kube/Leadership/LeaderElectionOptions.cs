namespace Sriov.Kube.Leadership;

/// <summary>
/// Which Lease to compete for, as whom, and the timings of client-go's leader election (whose defaults these are):
/// a leader renews every <see cref="RetryPeriod"/>, gives up leading when it could not renew for
/// <see cref="RenewDeadline"/>, and a candidate takes over a lease it has seen unchanged for <see cref="LeaseDuration"/>.
/// LeaseDuration &gt; RenewDeadline guarantees the old leader has stopped before anyone else starts.
/// </summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>Unique per process (pod name plus a random suffix): a candidate with the holder's identity takes the
    /// lease at once.</summary>
    public required string Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Namespace);
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        ArgumentException.ThrowIfNullOrEmpty(Identity);
        if (LeaseDuration <= RenewDeadline || RenewDeadline <= RetryPeriod * 1.2 || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"leader election for lease {Namespace}/{LeaseName}: need LeaseDuration > RenewDeadline > 1.2 × RetryPeriod > 0, " +
                $"got {LeaseDuration}, {RenewDeadline}, {RetryPeriod}");
        }
    }
}
