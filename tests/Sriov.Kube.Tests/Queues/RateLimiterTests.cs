using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Queues;

namespace Sriov.Kube.Tests.Queues;

public class RateLimiterTests
{
    [Fact]
    public void The_per_item_backoff_doubles_to_its_cap()
    {
        var limiter = new RateLimiter<string>(new FakeTimeProvider(), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1),
            ratePerSecond: 1000, burst: 1000);
        var delays = Enumerable.Range(0, 10).Select(_ => limiter.When("a").TotalMilliseconds).ToList();
        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000], delays);
        Assert.Equal(5, limiter.When("b").TotalMilliseconds);
        Assert.Equal(10, limiter.NumRequeues("a"));
    }

    [Fact]
    public void Backoff_never_overflows_after_many_failures()
    {
        var limiter = new RateLimiter<string>(new FakeTimeProvider(), ratePerSecond: 1e6, burst: 1_000_000);
        TimeSpan last = default;
        for (var i = 0; i < 100; i++)
        {
            last = limiter.When("a");
        }

        Assert.Equal(RateLimiter<string>.DefaultMaxDelay, last);
    }

    [Fact]
    public void The_shared_bucket_spaces_out_a_burst_of_different_items()
    {
        var time = new FakeTimeProvider();
        var limiter = new RateLimiter<string>(time, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1),
            ratePerSecond: 10, burst: 3);
        var delays = Enumerable.Range(0, 5).Select(i => limiter.When($"item-{i}").TotalMilliseconds).ToList();
        // Three tokens in the bucket, then one per 100 ms.
        Assert.Equal([1, 1, 1, 100, 200], delays.Select(d => Math.Round(d)));

        time.Advance(TimeSpan.FromSeconds(1)); // refills to the burst, not beyond
        var after = Enumerable.Range(0, 4).Select(i => limiter.When($"x-{i}").TotalMilliseconds).ToList();
        Assert.Equal([1, 1, 1, 100], after.Select(d => Math.Round(d)));
    }
}
