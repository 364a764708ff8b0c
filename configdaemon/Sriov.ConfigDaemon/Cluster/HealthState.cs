namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// What the health endpoints report. Ready: every watch has listed once and the node was reconciled once. Healthy: the
/// reconcile loop finished a pass within three resync periods (it requeues itself every period), so a stuck loop is
/// restarted by the kubelet's liveness probe.
/// </summary>
internal sealed class HealthState(TimeProvider time, TimeSpan resyncPeriod)
{
    private long _lastPass = time.GetTimestamp();
    private volatile bool _ready;

    public bool Ready => _ready;

    public bool Healthy => time.GetElapsedTime(Interlocked.Read(ref _lastPass)) < resyncPeriod * 3;

    public void PassCompleted()
    {
        Interlocked.Exchange(ref _lastPass, time.GetTimestamp());
        _ready = true;
    }
}
