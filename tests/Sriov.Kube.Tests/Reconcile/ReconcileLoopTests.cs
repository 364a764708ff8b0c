using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Queues;
using Sriov.Kube.Reconcile;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Reconcile;

public class ReconcileLoopTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<string> _calls = new();

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public Running(WorkQueue<string> queue, Func<string, CancellationToken, Task<ReconcileResult>> reconcile, int workers = 1)
        {
            Task = new ReconcileLoop<string>("test", queue, reconcile, workers: workers).RunAsync(_stop.Token);
        }

        public Task Task { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Errors_are_retried_with_backoff_and_success_forgets_the_failures()
    {
        using var queue = new WorkQueue<string>(_time);
        var failures = 2;
        await using var loop = new Running(queue, (key, _) =>
        {
            _calls.Enqueue(key);
            return Interlocked.Decrement(ref failures) >= 0
                ? throw new IOException("API server unreachable")
                : Task.FromResult(ReconcileResult.Done);
        });

        queue.Add("node-1");
        await Eventually.TrueAsync(() => _calls.Count == 1 && queue.Waiting == 1, "the first failure");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.TrueAsync(() => _calls.Count == 2 && queue.Waiting == 1, "the second failure");
        _time.Advance(TimeSpan.FromMilliseconds(9));
        await Task.Delay(50);
        Assert.Equal(2, _calls.Count); // the second retry waits 10 ms
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => _calls.Count == 3 && queue.NumRequeues("node-1") == 0, "success");
    }

    [Fact]
    public async Task Requeue_after_runs_the_key_again_after_that_time_only()
    {
        using var queue = new WorkQueue<string>(_time);
        await using var loop = new Running(queue, (key, _) =>
        {
            _calls.Enqueue(key);
            return Task.FromResult(ReconcileResult.After(TimeSpan.FromSeconds(30)));
        });

        queue.Add("node-1");
        await Eventually.TrueAsync(() => _calls.Count == 1 && queue.Waiting == 1, "the first reconcile");
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.Single(_calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => _calls.Count == 2, "the requeued reconcile");
    }

    [Fact]
    public async Task A_terminal_error_is_not_requeued()
    {
        using var queue = new WorkQueue<string>(_time);
        await using var loop = new Running(queue, (key, _) =>
        {
            _calls.Enqueue(key);
            throw new TerminalReconcileException("spec.numVfs -1 is invalid");
        });

        queue.Add("node-1");
        await Eventually.TrueAsync(() => _calls.Count == 1, "the reconcile");
        _time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(50);
        Assert.Single(_calls);
        Assert.Equal((0, 0), (queue.Count, queue.Waiting));
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once_while_other_keys_proceed()
    {
        using var queue = new WorkQueue<string>(_time);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var maxRunningA = 0;
        await using var loop = new Running(queue, async (key, ct) =>
        {
            _calls.Enqueue(key);
            if (key == "a")
            {
                var now = Interlocked.Increment(ref running);
                maxRunningA = Math.Max(maxRunningA, now);
                await release.Task.WaitAsync(ct);
                Interlocked.Decrement(ref running);
            }

            return ReconcileResult.Done;
        }, workers: 3);

        queue.Add("a");
        await Eventually.TrueAsync(() => _calls.Count == 1, "a to start");
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        await Eventually.TrueAsync(() => _calls.Contains("b"), "b on another worker");
        Assert.Equal(1, _calls.Count(c => c == "a"));

        release.SetResult();
        await Eventually.TrueAsync(() => _calls.Count(c => c == "a") == 2 && queue.Count == 0, "a once more");
        await Task.Delay(50);
        Assert.Equal(["a", "b", "a"], _calls);
        Assert.Equal(1, maxRunningA);
    }

    [Fact]
    public async Task Cancellation_stops_the_workers_and_shuts_the_queue_down()
    {
        using var queue = new WorkQueue<string>(_time);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = new Running(queue, async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ReconcileResult.Done;
        });
        queue.Add("a");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await loop.DisposeAsync();
        Assert.True(loop.Task.IsCompletedSuccessfully);
        Assert.True(queue.IsShutDown);
        Assert.Equal(0, queue.Waiting);
    }
}
