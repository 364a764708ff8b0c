using Microsoft.Extensions.Logging;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// Runs the emulator's controllers (garbage collector, namespace, CRD cleanup, disruption) on one background loop fed
/// by a watch of every resource, with a periodic full resync as the backstop for a change lost to a race, as
/// kube-controller-manager's informers resync. <see cref="WaitForIdleAsync"/> lets tests wait until every change so
/// far has been handled.
/// </summary>
internal sealed partial class ControllerLoop : IAsyncDisposable
{
    private readonly ApiOperations _ops;
    private readonly ILogger _logger;
    private readonly TimeSpan _resyncInterval;
    private readonly GarbageCollector _gc;
    private readonly NamespaceController _namespaces;
    private readonly CrdController _crds;
    private readonly DisruptionController _disruption;
    private readonly CancellationTokenSource _stop = new();
    private Watcher? _watcher;
    private Task? _loop;
    private long _handledRevision;
    private volatile bool _busy;

    public ControllerLoop(ApiOperations ops, ILogger logger, TimeSpan resyncInterval)
    {
        _ops = ops;
        _logger = logger;
        _resyncInterval = resyncInterval;
        _gc = new GarbageCollector(ops);
        _namespaces = new NamespaceController(ops);
        _crds = new CrdController(ops);
        _disruption = new DisruptionController(ops);
    }

    public void Start()
    {
        var store = _ops.Context.Store;
        lock (store.Gate)
        {
            _handledRevision = store.Revision;
            _watcher = store.Watch(null, null, _ => true, store.Revision);
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Waits until every change committed so far has been handled, including the writes the controllers
    /// made in response.</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_busy || _watcher!.Reader.Count > 0 || Interlocked.Read(ref _handledRevision) < _ops.Context.Store.Revision)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the API emulator's controllers did not settle within {timeout}");
            }

            await Task.Delay(5, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _watcher?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _watcher!.Reader;
        var time = _ops.Context.Time;
        var nextResync = time.GetUtcNow() + _resyncInterval;
        Task<bool>? pending = null;
        while (!_stop.IsCancellationRequested)
        {
            pending ??= reader.WaitToReadAsync(_stop.Token).AsTask();
            var remaining = nextResync - time.GetUtcNow();
            try
            {
                if (remaining > TimeSpan.Zero)
                {
                    await pending.WaitAsync(remaining, time, _stop.Token);
                }
            }
            catch (TimeoutException)
            {
                // Time for a resync; the pending wait stays for the next round.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (pending.IsCompletedSuccessfully)
            {
                if (!pending.Result)
                {
                    return;
                }

                pending = null;
                Drain(reader);
            }

            if (time.GetUtcNow() >= nextResync)
            {
                Run(() =>
                {
                    _gc.Resync();
                    _namespaces.Resync();
                    _crds.Resync();
                    _disruption.Resync();
                }, "resync");
                nextResync = time.GetUtcNow() + _resyncInterval;
            }
        }
    }

    private void Drain(System.Threading.Channels.ChannelReader<WatchItem> reader)
    {
        _busy = true;
        while (reader.TryRead(out var item))
        {
            Run(() =>
            {
                _crds.Handle(item);
                _namespaces.Handle(item);
                _gc.Handle(item);
                _disruption.Handle(item);
            }, item.StorageKey ?? "");
            Interlocked.Exchange(ref _handledRevision, item.Revision);
        }

        _busy = false;
    }

    private void Run(Action action, string what)
    {
        try
        {
            action();
        }
        catch (ApiException e)
        {
            LogControllerFailed(_logger, what, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            // A malformed stored object must not stop the loop for every other object.
            LogControllerFailed(_logger, what, e.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API emulator controller failed on {What}: {Error}")]
    private static partial void LogControllerFailed(ILogger logger, string what, string error);
}
