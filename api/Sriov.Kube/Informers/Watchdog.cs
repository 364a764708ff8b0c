namespace Sriov.Kube.Informers;

/// <summary>
/// Cancels a watch that stayed silent for a whole timeout: every <see cref="Touch"/> (an event or a bookmark) re-arms
/// a one-shot timer of the informer's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _watch;
    private readonly ITimer _timer;
    private volatile bool _fired;

    public Watchdog(TimeProvider time, TimeSpan timeout, CancellationTokenSource watch)
    {
        _timeout = timeout;
        _watch = watch;
        _timer = time.CreateTimer(static s => ((Watchdog)s!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the watch was cancelled for silence.</summary>
    public bool Fired => _fired;

    public void Touch() => _timer.Change(_timeout, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        _fired = true;
        try
        {
            _watch.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The watch already ended.
        }
    }
}
