using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer.Watch;

/// <summary>
/// One watch response: the events of a <see cref="Watcher"/> as <c>{"type":...,"object":...}</c> objects, BOOKMARKs
/// at the configured interval (and one just before the timeout ends the stream) when asked for, and the end of the
/// stream after <c>timeoutSeconds</c>. A watch that could not start (410) is a single ERROR event carrying the Status.
/// </summary>
internal sealed class WatchSession : IDisposable
{
    private readonly ApiContext _ctx;
    private readonly ResourceType _rt;
    private readonly Watcher? _watcher;
    private readonly ApiException? _error;
    private readonly TimeSpan _timeout;
    private readonly bool _bookmarks;

    public WatchSession(ApiContext ctx, ResourceType rt, Watcher watcher, TimeSpan timeout, bool bookmarks)
    {
        _ctx = ctx;
        _rt = rt;
        _watcher = watcher;
        _timeout = timeout;
        _bookmarks = bookmarks;
    }

    public WatchSession(ApiContext ctx, ResourceType rt, ApiException error)
    {
        _ctx = ctx;
        _rt = rt;
        _error = error;
    }

    public async IAsyncEnumerable<JsonObject> EventsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_watcher is null)
        {
            yield return new JsonObject { ["type"] = "ERROR", ["object"] = _error!.ToStatus() };
            yield break;
        }

        using var timeout = new CancellationTokenSource(_timeout, _ctx.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var bookmarkTimer = _bookmarks
            ? _ctx.Time.CreateTimer(_ => _ctx.Store.Bookmark(_watcher), null, _ctx.Options.BookmarkInterval,
                _ctx.Options.BookmarkInterval)
            : null;
        while (await WaitAsync(linked.Token))
        {
            while (_watcher.Reader.TryRead(out var item))
            {
                yield return Format(item);
            }
        }

        if (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The stream ends because its time is up: a last bookmark lets the client resume without a re-list.
            if (_bookmarks)
            {
                _ctx.Store.Bookmark(_watcher);
            }

            while (_watcher.Reader.TryRead(out var item))
            {
                yield return Format(item);
            }
        }
    }

    public void Dispose() => _watcher?.Dispose();

    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        try
        {
            return await _watcher!.Reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private JsonObject Format(WatchItem item)
    {
        var (type, obj) = item.Kind switch
        {
            WatchItemKind.Added => ("ADDED", TypeMeta.ToVersion(item.Object!, _rt)),
            WatchItemKind.Modified => ("MODIFIED", TypeMeta.ToVersion(item.Object!, _rt)),
            WatchItemKind.Deleted => ("DELETED", TypeMeta.ToVersion(item.Object!, _rt)),
            _ => ("BOOKMARK", Bookmark(item)),
        };
        return new JsonObject { ["type"] = type, ["object"] = obj };
    }

    private JsonObject Bookmark(WatchItem item)
    {
        var meta = new JsonObject { ["resourceVersion"] = item.Revision.ToString(CultureInfo.InvariantCulture) };
        if (item.Kind == WatchItemKind.InitialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = _rt.Kind, ["apiVersion"] = _rt.ApiVersion, ["metadata"] = meta };
    }
}
