namespace Sriov.Kube.Timing;

/// <summary>
/// Doubling delays from <c>initial</c> up to <c>max</c>, each stretched by a random factor in [1, 1 + jitter) so that
/// many clients failing together (every config daemon when the API server restarts) do not retry in step.
/// </summary>
internal sealed class ExponentialBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;
    private int _failures;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>How many delays were handed out since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseDelay = TimeSpan.FromTicks(Math.Min(_max.Ticks, _initial.Ticks * (1L << exponent)));
        return baseDelay * (1 + (_jitter * _random.NextDouble()));
    }

    public void Reset() => _failures = 0;
}
