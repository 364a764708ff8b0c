namespace Sriov.Kube.Queues;

/// <summary>
/// Per-item exponential backoff (client-go's ItemExponentialFailureRateLimiter): the n-th consecutive requeue of an
/// item waits <c>baseDelay × 2^n</c>, capped at <c>maxDelay</c>, until the item is forgotten.
/// </summary>
internal sealed class ItemBackoff<T>
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    public ItemBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    public TimeSpan When(T item)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
        }

        // Past 2^40 any base delay is beyond every sensible cap; stop doubling before the ticks overflow.
        return failures >= 40 || _baseDelay.Ticks > _maxDelay.Ticks >> failures
            ? _maxDelay
            : TimeSpan.FromTicks(_baseDelay.Ticks << failures);
    }

    public int Requeues(T item)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    public void Forget(T item)
    {
        lock (_lock)
        {
            _failures.Remove(item);
        }
    }
}
