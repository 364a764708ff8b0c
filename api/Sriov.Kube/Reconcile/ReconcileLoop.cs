using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Kube.Queues;

namespace Sriov.Kube.Reconcile;

/// <summary>
/// Workers that take keys from a <see cref="WorkQueue{T}"/> and call a level-based reconcile for each (it reads the
/// current state of the key and converges; it is not told what changed), then requeue the key as
/// <see cref="RequeuePolicy"/> decides. The queue guarantees one key is never reconciled by two workers at once.
/// Feed it from informers: <c>informer.Subscribe(e =&gt; queue.Add(e.Key))</c>.
/// </summary>
public sealed class ReconcileLoop<TKey>
    where TKey : notnull
{
    private readonly string _name;
    private readonly WorkQueue<TKey> _queue;
    private readonly Func<TKey, CancellationToken, Task<ReconcileResult>> _reconcile;
    private readonly ILogger _logger;
    private readonly int _workers;

    /// <param name="name">The controller's name in logs.</param>
    /// <param name="workers">How many keys are reconciled at once (controller-runtime's MaxConcurrentReconciles).</param>
    public ReconcileLoop(string name, WorkQueue<TKey> queue, Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile,
        ILogger? logger = null, int workers = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(reconcile);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _name = name;
        _queue = queue;
        _reconcile = reconcile;
        _logger = logger ?? NullLogger.Instance;
        _workers = workers;
    }

    /// <summary>Runs the workers until <paramref name="ct"/> is cancelled or the queue is shut down and drained; shuts
    /// the queue down on the way out. A reconcile in progress gets the cancellation through its token.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));
        }
        finally
        {
            _queue.ShutDown();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (await WaitAsync(ct))
        {
            if (!_queue.TryGet(out var key))
            {
                continue;
            }

            try
            {
                await ProcessAsync(key, ct);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            return await _queue.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ProcessAsync(TKey key, CancellationToken ct)
    {
        var result = ReconcileResult.Done;
        Exception? error = null;
        try
        {
            result = await _reconcile(key, ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            return; // shutting down: the key's state is re-read at the next start anyway
        }
        catch (Exception e)
        {
            error = e;
        }

        var (action, delay) = RequeuePolicy.Decide(result, error);
        var text = key.ToString() ?? "";
        switch (action)
        {
            case RequeueAction.Forget:
                _queue.Forget(key);
                ReconcileLog.Reconciled(_logger, _name, text);
                break;
            case RequeueAction.After:
                _queue.Forget(key);
                _queue.AddAfter(key, delay);
                ReconcileLog.RequeuedAfter(_logger, _name, text, delay);
                break;
            case RequeueAction.RateLimited:
                if (error is not null)
                {
                    ReconcileLog.Failed(_logger, error, _name, text, _queue.NumRequeues(key) + 1);
                }

                _queue.AddRateLimited(key);
                break;
            case RequeueAction.Drop:
                _queue.Forget(key);
                ReconcileLog.Terminal(_logger, error!, _name, text);
                break;
        }
    }
}
