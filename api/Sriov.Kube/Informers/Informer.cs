using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Kube.Client;
using Sriov.Kube.Timing;

namespace Sriov.Kube.Informers;

/// <summary>
/// Keeps <see cref="Cache"/> equal to the objects the API server holds for one kind and selector, and tells
/// subscribers about every change: list, then watch from the list's resourceVersion; on a normal end of the stream
/// resume from the last resourceVersion seen (events and bookmarks both advance it); on 410 Gone re-list and deliver
/// only the difference; on any other failure back off and retry; restart a watch that went silent (the watchdog).
/// Run it with <see cref="RunAsync"/>; it stops only when cancelled. docs/kube.md explains the timings.
/// </summary>
public sealed class Informer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly ResourceClient<T> _client;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Lock _dispatch = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<InformerEvent<T>>[] _handlers = [];
    private string? _resourceVersion;
    private int _running;

    public Informer(ResourceClient<T> client, InformerOptions? options = null, TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new InformerOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _name = _options.Namespace is null
            ? $"{client.Kind} ({_options.Selector})"
            : $"{client.Kind} in {_options.Namespace} ({_options.Selector})";
    }

    public InformerCache<T> Cache { get; } = new();

    /// <summary>True once the first list is in <see cref="Cache"/> and its events were delivered.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The last resourceVersion seen (list, event or bookmark): where the next watch starts.</summary>
    public string? ResourceVersion => Volatile.Read(ref _resourceVersion);

    public Task WaitForSyncAsync(CancellationToken ct = default) => _synced.Task.WaitAsync(ct);

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, on the informer's loop, one event at a time and in order.
    /// Objects already cached are delivered first as Added. Keep handlers quick (add a key to a
    /// <see cref="Queues.WorkQueue{T}"/>); an exception from one is logged and does not stop the informer.
    /// Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatch)
        {
            _handlers = [.. _handlers, handler];
            foreach (var item in Cache.List())
            {
                Invoke(handler, new InformerEvent<T>(InformerEventType.Added, ObjectKey.Of(item), item, null));
            }
        }

        return new Subscription(() =>
        {
            lock (_dispatch)
            {
                _handlers = [.. _handlers.Where(h => h != handler)];
            }
        });
    }

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled (then completes without throwing).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"informer {_name} is already running");
        }

        var backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff);
        var relist = true;
        while (!ct.IsCancellationRequested)
        {
            var delay = TimeSpan.Zero;
            var step = relist ? "list" : "watch";
            try
            {
                if (relist)
                {
                    await ListAsync(ct);
                    relist = false;
                    step = "watch";
                }

                var started = _time.GetTimestamp();
                var delivered = await WatchAsync(backoff, ct);
                if (delivered < 0)
                {
                    continue; // silent: restarted at once
                }

                if (delivered == 0 && _time.GetElapsedTime(started) < ShortWatch)
                {
                    // A watch the server ends at once with nothing in it is a failure in disguise (client-go's "very
                    // short watch"): back off rather than spin.
                    delay = backoff.Next();
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                InformerLog.Expired(_logger, _name, ResourceVersion);
                relist = true;
                var first = backoff.Failures == 0;
                var next = backoff.Next();
                delay = first ? TimeSpan.Zero : next;
            }
            catch (Exception e)
            {
                delay = backoff.Next();
                InformerLog.Failed(_logger, e, _name, step, delay);
            }

            if (delay > TimeSpan.Zero && !await DelayAsync(delay, ct))
            {
                break;
            }
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var list = await _client.ListAsync(_options.Namespace, _options.Selector, ct);
        int changes;
        lock (_dispatch)
        {
            var events = Cache.Replace(list.Items);
            changes = events.Count;
            foreach (var e in events)
            {
                Dispatch(e);
            }
        }

        Volatile.Write(ref _resourceVersion, list.Metadata?.ResourceVersion);
        InformerLog.Listed(_logger, _name, list.Items.Count, ResourceVersion, changes);
        _synced.TrySetResult();
    }

    /// <summary>One watch request; the number of events and bookmarks it delivered, or -1 when the watchdog cut it.
    /// A watch that delivered anything resets the backoff, whatever ended it.</summary>
    private async Task<int> WatchAsync(ExponentialBackoff backoff, CancellationToken ct)
    {
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var watchdog = new Watchdog(_time, _options.WatchdogTimeout, watchCts);
        var timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble());
        InformerLog.Watching(_logger, _name, ResourceVersion);
        var delivered = 0;
        try
        {
            await foreach (var e in _client.WatchAsync(_options.Namespace, _options.Selector, ResourceVersion, timeout,
                               allowBookmarks: true, watchCts.Token))
            {
                watchdog.Touch();
                if (delivered++ == 0)
                {
                    backoff.Reset();
                }

                Apply(e);
            }
        }
        catch (Exception) when (watchdog.Fired && !ct.IsCancellationRequested)
        {
            InformerLog.WatchSilent(_logger, _name, _options.WatchdogTimeout, ResourceVersion);
            return -1;
        }

        InformerLog.WatchEnded(_logger, _name, delivered, ResourceVersion);
        return delivered;
    }

    private void Apply(WatchEvent<T> e)
    {
        if (e.Type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
        {
            lock (_dispatch)
            {
                var change = e.Type == WatchEventType.Deleted ? Cache.Remove(e.Item) : Cache.Upsert(e.Item);
                if (change is not null)
                {
                    Dispatch(change);
                }
            }
        }

        if (e.Item?.Metadata?.ResourceVersion is { Length: > 0 } rv)
        {
            Volatile.Write(ref _resourceVersion, rv);
        }
    }

    private void Dispatch(InformerEvent<T> e)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, e);
        }
    }

    private void Invoke(Action<InformerEvent<T>> handler, InformerEvent<T> e)
    {
        try
        {
            handler(e);
        }
        catch (Exception ex)
        {
            InformerLog.HandlerFailed(_logger, ex, _name, e.Type, e.Key.ToString());
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
