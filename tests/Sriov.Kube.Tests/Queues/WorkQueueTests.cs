using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Queues;

namespace Sriov.Kube.Tests.Queues;

public class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    private static List<string> Drain(WorkQueue<string> queue)
    {
        var items = new List<string>();
        while (queue.TryGet(out var item))
        {
            items.Add(item);
            queue.Done(item);
        }

        return items;
    }

    [Fact]
    public void An_item_is_queued_once_however_often_it_is_added()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(2, queue.Count);
        Assert.Equal(["a", "b"], Drain(queue));
    }

    [Fact]
    public void An_item_added_while_processed_comes_back_once_when_done_and_not_before()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        Assert.True(queue.TryGet(out var taken));
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryGet(out _));

        queue.Done(taken);
        Assert.Equal(1, queue.Count);
        Assert.Equal(["a"], Drain(queue));
        Assert.Empty(Drain(queue));
    }

    [Fact]
    public void Delayed_items_become_ready_in_deadline_order_and_the_earliest_deadline_wins()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        queue.AddAfter("c", TimeSpan.FromSeconds(10));
        queue.AddAfter("c", TimeSpan.FromSeconds(2));  // earlier: replaces 10 s
        queue.AddAfter("b", TimeSpan.FromSeconds(5));  // later: ignored
        Assert.Equal((0, 3), (queue.Count, queue.Waiting));

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["b"], Drain(queue));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["c", "a"], Drain(queue));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(Drain(queue));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public void A_delayed_item_already_queued_is_not_queued_twice()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("a");
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["a"], Drain(queue));
    }

    [Fact]
    public void Rate_limited_retries_back_off_exponentially_per_item_until_forgotten()
    {
        using var queue = new WorkQueue<string>(_time);
        var ready = new List<(string Item, double Ms)>();
        var start = _time.GetUtcNow();

        void Fail(string item)
        {
            queue.AddRateLimited(item);
        }

        Fail("a");
        Fail("b");
        for (var step = 0; step < 200; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            while (queue.TryGet(out var item))
            {
                ready.Add((item, (_time.GetUtcNow() - start).TotalMilliseconds));
                queue.Done(item);
                if (item == "a" && queue.NumRequeues("a") < 4)
                {
                    Fail("a");
                }
            }
        }

        // a: 5, +10, +20, +40 ms; b: once at 5 ms.
        Assert.Equal([("a", 5), ("b", 5), ("a", 15), ("a", 35), ("a", 75)], ready);
        Assert.Equal(4, queue.NumRequeues("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        Fail("a");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(["a"], Drain(queue));
    }

    [Fact]
    public async Task A_waiting_worker_wakes_for_a_new_item_and_for_shut_down()
    {
        using var queue = new WorkQueue<string>(_time);
        var wait = queue.WaitAsync().AsTask();
        Assert.False(wait.IsCompleted);
        queue.Add("a");
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10)));

        queue.AddAfter("later", TimeSpan.FromSeconds(1));
        queue.ShutDown();
        queue.Add("b");
        Assert.True(await queue.WaitAsync()); // "a" is still there to drain
        Assert.Equal(["a"], Drain(queue));
        Assert.False(await queue.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);
    }
}
