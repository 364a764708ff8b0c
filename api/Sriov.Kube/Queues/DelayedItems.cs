namespace Sriov.Kube.Queues;

/// <summary>
/// Items waiting for their time, on one timer of the <see cref="TimeProvider"/> armed for the earliest deadline.
/// An item waits once: adding it again keeps the earlier of the two deadlines (client-go's delaying queue).
/// </summary>
internal sealed class DelayedItems<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Action<T> _ready;
    private readonly PriorityQueue<T, DateTimeOffset> _heap = new();
    private readonly Dictionary<T, DateTimeOffset> _deadlines = [];
    private readonly ITimer _timer;

    public DelayedItems(TimeProvider time, Action<T> ready)
    {
        _time = time;
        _ready = ready;
        _timer = time.CreateTimer(static s => ((DelayedItems<T>)s!).OnTimer(), this, Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _deadlines.Count;
            }
        }
    }

    public void Add(T item, TimeSpan delay)
    {
        var deadline = _time.GetUtcNow() + delay;
        lock (_lock)
        {
            if (_deadlines.TryGetValue(item, out var existing) && existing <= deadline)
            {
                return;
            }

            _deadlines[item] = deadline;
            _heap.Enqueue(item, deadline);
            ArmLocked();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _heap.Clear();
            _deadlines.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        var due = new List<T>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_heap.TryPeek(out var item, out var deadline) && deadline <= now)
            {
                _heap.Dequeue();
                // A stale heap entry (the item was re-added with an earlier deadline, or already released) is skipped.
                if (_deadlines.TryGetValue(item, out var current) && current == deadline)
                {
                    _deadlines.Remove(item);
                    due.Add(item);
                }
            }

            ArmLocked();
        }

        foreach (var item in due)
        {
            _ready(item);
        }
    }

    private void ArmLocked()
    {
        while (_heap.TryPeek(out var item, out var deadline))
        {
            if (_deadlines.TryGetValue(item, out var current) && current == deadline)
            {
                var wait = deadline - _time.GetUtcNow();
                // Never a zero due time: some providers would run the callback right here, inside this lock.
                _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
                return;
            }

            _heap.Dequeue();
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
