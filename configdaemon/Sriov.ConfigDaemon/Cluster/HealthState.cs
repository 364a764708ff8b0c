namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// What the health endpoints report. Ready: every watch has listed once and the node was reconciled once. Healthy: the
/// reconcile loop made its next pass when it was due. A pass schedules the next one (the resync period, or a failure
/// backoff of up to <see cref="NodeStateReconciler.MaxFailureBackoff"/>), so the loop is alive while less than that
/// wait plus one resync period has passed, and never less than three resync periods: a node waiting out a failure
/// backoff is alive, and a stuck loop is still restarted by the kubelet's liveness probe.
/// </summary>
internal sealed class HealthState(TimeProvider time, TimeSpan resyncPeriod)
{
    private long _lastPass = time.GetTimestamp();
    private long _allowedTicks = (resyncPeriod * 3).Ticks;
    private volatile bool _ready;

    public bool Ready => _ready;

    public bool Healthy => time.GetElapsedTime(Interlocked.Read(ref _lastPass)) < TimeSpan.FromTicks(Interlocked.Read(ref _allowedTicks));

    /// <summary>A pass finished and asked for the next one after <paramref name="nextPassIn"/> (zero: at once or by the
    /// queue's short retry backoff).</summary>
    public void PassCompleted(TimeSpan nextPassIn)
    {
        var allowed = nextPassIn + resyncPeriod > resyncPeriod * 3 ? nextPassIn + resyncPeriod : resyncPeriod * 3;
        Interlocked.Exchange(ref _allowedTicks, allowed.Ticks);
        Interlocked.Exchange(ref _lastPass, time.GetTimestamp());
        _ready = true;
    }
}
