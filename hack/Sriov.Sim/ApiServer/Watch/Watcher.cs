using System.Text.Json.Nodes;
using System.Threading.Channels;
using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer.Watch;

/// <summary>
/// One watch subscription: the resource (null: all, for the emulator's own controllers), an optional namespace, the
/// selector filter, and an unbounded queue the store fills under its lock, so events arrive in revision order.
/// </summary>
internal sealed class Watcher : IDisposable
{
    private readonly Channel<WatchItem> _queue =
        Channel.CreateUnbounded<WatchItem>();

    private readonly Func<JsonObject, bool> _filter;
    private readonly Action<Watcher> _onDispose;

    public Watcher(string? storageKey, string? ns, Func<JsonObject, bool> filter, Action<Watcher> onDispose)
    {
        StorageKey = storageKey;
        Namespace = ns;
        _filter = filter;
        _onDispose = onDispose;
    }

    public string? StorageKey { get; }

    public string? Namespace { get; }

    public ChannelReader<WatchItem> Reader => _queue.Reader;

    public bool Wants(StoreEvent e) =>
        (StorageKey is null || StorageKey == e.StorageKey) && (Namespace is null || Namespace == e.Namespace);

    /// <summary>
    /// Queues what this watcher sees of a change. With a selector, an object that starts matching arrives as ADDED
    /// and one that stops matching as DELETED, as the API server's watch filtering does.
    /// </summary>
    public void Deliver(StoreEvent e)
    {
        if (!Wants(e))
        {
            return;
        }

        var oldMatch = e.Previous is not null && _filter(e.Previous);
        var newMatch = e.Kind != StoreEventKind.Deleted && _filter(e.Current);
        WatchItemKind? kind = e.Kind switch
        {
            StoreEventKind.Added when newMatch => WatchItemKind.Added,
            StoreEventKind.Modified when oldMatch && newMatch => WatchItemKind.Modified,
            StoreEventKind.Modified when newMatch => WatchItemKind.Added,
            StoreEventKind.Modified when oldMatch => WatchItemKind.Deleted,
            StoreEventKind.Deleted when oldMatch => WatchItemKind.Deleted,
            _ => null,
        };
        if (kind is { } k)
        {
            Enqueue(new WatchItem(k, e.Current, e.Revision, e.StorageKey));
        }
    }

    public void Enqueue(WatchItem item) => _queue.Writer.TryWrite(item);

    /// <summary>Ends the stream after the queued events.</summary>
    public void Close() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        _onDispose(this);
        Close();
    }
}
