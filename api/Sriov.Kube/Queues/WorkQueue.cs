using System.Diagnostics.CodeAnalysis;

namespace Sriov.Kube.Queues;

/// <summary>
/// The work queue of client-go (and YARP's port of it): an item is queued at most once however often it is added, is
/// handed to one worker at a time, and if it is added again while a worker has it, it is queued again only when that
/// worker calls <see cref="Done"/>, so a change during processing is never lost and never processed twice at once.
/// Items can wait (<see cref="AddAfter"/>) or be retried with a <see cref="RateLimiter{T}"/> backoff
/// (<see cref="AddRateLimited"/>). Workers loop on <see cref="WaitAsync"/> and <see cref="TryGet"/>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "client-go's and YARP's name for this structure; it is a queue.")]
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly DelayedItems<T> _delayed;
    private readonly RateLimiter<T> _limiter;
    private TaskCompletionSource _available = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _shutDown;

    public WorkQueue(TimeProvider? time = null, RateLimiter<T>? rateLimiter = null)
    {
        time ??= TimeProvider.System;
        _limiter = rateLimiter ?? new RateLimiter<T>(time);
        _delayed = new DelayedItems<T>(time, Add);
    }

    /// <summary>Items ready for a worker (not those waiting for their time or being processed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items waiting for their time (<see cref="AddAfter"/>, <see cref="AddRateLimited"/>).</summary>
    public int Waiting => _delayed.Count;

    public bool IsShutDown
    {
        get
        {
            lock (_lock)
            {
                return _shutDown;
            }
        }
    }

    /// <summary>Queues the item unless it is already queued; ignored after <see cref="ShutDown"/>.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            if (_shutDown || !_dirty.Add(item) || _processing.Contains(item))
            {
                return;
            }

            _queue.Enqueue(item);
            PulseLocked();
        }
    }

    /// <summary>Queues the item once <paramref name="delay"/> has passed (at the earliest of its pending times).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (IsShutDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        _delayed.Add(item, delay);
    }

    /// <summary>Queues the item after its rate-limited backoff, counting a retry.</summary>
    public void AddRateLimited(T item) => AddAfter(item, _limiter.When(item));

    /// <summary>The item succeeded: resets its backoff (it does not dequeue it).</summary>
    public void Forget(T item) => _limiter.Forget(item);

    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>Takes the next ready item; the caller must call <see cref="Done"/> with it.</summary>
    public bool TryGet(out T item)
    {
        lock (_lock)
        {
            if (_queue.TryDequeue(out item!))
            {
                _dirty.Remove(item);
                _processing.Add(item);
                return true;
            }

            return false;
        }
    }

    /// <summary>Waits until an item is ready (true) or the queue is shut down and drained (false).</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken ct = default)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (_queue.Count > 0)
                {
                    return true;
                }

                if (_shutDown)
                {
                    return false;
                }

                signal = _available.Task;
            }

            await signal.WaitAsync(ct);
        }
    }

    /// <summary>A worker finished the item; if it was added meanwhile it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item))
            {
                _queue.Enqueue(item);
                PulseLocked();
            }
        }
    }

    /// <summary>Stops accepting items, drops those waiting for their time, and wakes every waiter; ready items can
    /// still be taken.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shutDown = true;
            PulseLocked();
        }

        _delayed.Clear();
    }

    public void Dispose()
    {
        ShutDown();
        _delayed.Dispose();
    }

    private void PulseLocked()
    {
        var waiters = _available;
        _available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.TrySetResult();
    }
}
