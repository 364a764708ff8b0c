namespace Sriov.Kube.Queues;

/// <summary>
/// The overall limit of a <see cref="RateLimiter{T}"/>: <c>burst</c> tokens refilled at <c>rate</c> per second
/// (golang.org/x/time/rate as client-go uses it). A reservation always succeeds and says how long to wait for its
/// token, so tokens go negative under load and later callers wait longer.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly double _rate;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _rate = ratePerSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetUtcNow();
    }

    /// <summary>Takes a token; how long until it may be used.</summary>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now > _last)
            {
                _tokens = Math.Min(_burst, _tokens + ((now - _last).TotalSeconds * _rate));
                _last = now;
            }

            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
        }
    }
}
