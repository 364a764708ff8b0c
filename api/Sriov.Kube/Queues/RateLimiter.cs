namespace Sriov.Kube.Queues;

/// <summary>
/// How long a failed item waits before it is retried: the longer of its own exponential backoff (5 ms doubling to
/// 1000 s by default) and the wait for a token of a bucket shared by all items (10 per second, burst 100), as
/// client-go's <c>DefaultControllerRateLimiter</c> and controller-runtime use. The per-item part keeps one broken
/// object from spinning; the bucket keeps a mass failure (the API server down) from becoming a request storm.
/// </summary>
public sealed class RateLimiter<T>
    where T : notnull
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);
    public const double DefaultRatePerSecond = 10;
    public const int DefaultBurst = 100;

    private readonly ItemBackoff<T> _items;
    private readonly TokenBucket _bucket;

    public RateLimiter(TimeProvider? time = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null,
        double ratePerSecond = DefaultRatePerSecond, int burst = DefaultBurst)
    {
        _items = new ItemBackoff<T>(baseDelay ?? DefaultBaseDelay, maxDelay ?? DefaultMaxDelay);
        _bucket = new TokenBucket(ratePerSecond, burst, time ?? TimeProvider.System);
    }

    /// <summary>The delay before <paramref name="item"/>'s next retry; counts the retry.</summary>
    public TimeSpan When(T item)
    {
        var own = _items.When(item);
        var shared = _bucket.Reserve();
        return own > shared ? own : shared;
    }

    /// <summary>How many times the item was retried since it was last forgotten.</summary>
    public int NumRequeues(T item) => _items.Requeues(item);

    /// <summary>The item succeeded: its next failure starts from the base delay again.</summary>
    public void Forget(T item) => _items.Forget(item);
}
