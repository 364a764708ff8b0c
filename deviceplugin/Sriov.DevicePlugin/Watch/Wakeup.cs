namespace Sriov.DevicePlugin.Watch;

/// <summary>An auto-reset signal carrying <see cref="WakeReason"/> flags, raised from watcher callbacks and waited on by
/// the single loop that owns all state.</summary>
internal sealed class Wakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _reasons;

    public void Raise(WakeReason reason)
    {
        Interlocked.Or(ref _reasons, (int)reason);
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the flags carry the new reason.
        }
    }

    /// <summary>Waits until raised or <paramref name="timeout"/> passes; returns and clears the pending reasons.</summary>
    public async Task<WakeReason> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (timeout > TimeSpan.Zero)
        {
            await _signal.WaitAsync(timeout, ct).ConfigureAwait(false);
        }

        return Take();
    }

    /// <summary>Returns and clears the pending reasons without waiting.</summary>
    public WakeReason Take() => (WakeReason)Interlocked.Exchange(ref _reasons, 0);

    public void Dispose() => _signal.Dispose();
}
