using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Storage;

/// <summary>
/// The emulator's etcd: objects by storage key, namespace and name; one global revision counter that every write
/// advances (an object's <c>resourceVersion</c> is the revision of its last write, a list's is the current revision);
/// and a bounded history of changes from which watches resume and older states are rebuilt for consistent paginated
/// lists. Requests for a revision older than the history hold get 410 Expired, as after an etcd compaction.
/// </summary>
internal sealed class ObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _data = new(StringComparer.Ordinal);
    private readonly List<StoreEvent> _history = [];
    private readonly int _historyLimit;
    private readonly WatchHub _hub = new();
    private readonly List<Action<StoreEvent>> _hooks = [];
    private long _revision;
    private long _oldestRevision;

    public ObjectStore(int historyLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLimit, 1);
        _historyLimit = historyLimit;
    }

    /// <summary>The lock every read-check-write sequence holds so that it is atomic (reentrant).</summary>
    public object Gate => _gate;

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>The oldest revision whose state can still be served (watch start, list at, continue).</summary>
    public long OldestRevision
    {
        get
        {
            lock (_gate)
            {
                return _oldestRevision;
            }
        }
    }

    /// <summary>Adds a hook run synchronously, under the store lock, after every commit (CRD registration).</summary>
    public void AddCommitHook(Action<StoreEvent> hook)
    {
        lock (_gate)
        {
            _hooks.Add(hook);
        }
    }

    public static string ObjectKey(string ns, string name) => $"{ns}/{name}";

    /// <summary>The current object (a copy the caller may change), or null.</summary>
    public JsonObject? Get(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return _data.TryGetValue(storageKey, out var objects)
                   && objects.TryGetValue(ObjectKey(ns, name), out var obj)
                ? (JsonObject)obj.DeepClone()
                : null;
        }
    }

    /// <summary>Copies of the current objects of a resource, optionally in one namespace, in key order.</summary>
    public IReadOnlyList<JsonObject> List(string storageKey, string? ns)
    {
        lock (_gate)
        {
            return [.. Current(storageKey, ns).Select(kv => (JsonObject)kv.Value.DeepClone())];
        }
    }

    /// <summary>Copies of every current object of every resource, with its storage key (for the garbage collector).</summary>
    public IReadOnlyList<(string StorageKey, JsonObject Object)> All()
    {
        lock (_gate)
        {
            return [.. _data.SelectMany(d => d.Value.Values.Select(o => (d.Key, (JsonObject)o.DeepClone())))];
        }
    }

    /// <summary>
    /// The objects of a resource as they were at <paramref name="atRevision"/> (null: now), in key order, with the
    /// revision served. The objects are the stored instances: callers must copy before changing them.
    /// </summary>
    public (IReadOnlyList<KeyValuePair<string, JsonObject>> Items, long Revision) Snapshot(
        string storageKey, string? ns, long? atRevision, Func<long, ApiException> tooOld)
    {
        lock (_gate)
        {
            var at = atRevision ?? _revision;
            if (at > _revision)
            {
                throw ApiErrors.TooLargeResourceVersion(at, _revision);
            }

            if (at == _revision)
            {
                return ([.. Current(storageKey, ns)], _revision);
            }

            if (at < _oldestRevision)
            {
                throw tooOld(at);
            }

            var state = new SortedDictionary<string, JsonObject>(
                _data.TryGetValue(storageKey, out var objects) ? objects : [], StringComparer.Ordinal);
            for (var i = _history.Count - 1; i >= 0 && _history[i].Revision > at; i--)
            {
                var e = _history[i];
                if (e.StorageKey != storageKey)
                {
                    continue;
                }

                var key = ObjectKey(e.Namespace, e.Name);
                if (e.Previous is null)
                {
                    state.Remove(key);
                }
                else
                {
                    state[key] = e.Previous;
                }
            }

            return ([.. state.Where(kv => ns is null || kv.Key.StartsWith(ns + "/", StringComparison.Ordinal))], at);
        }
    }

    /// <summary>
    /// Writes an object (create or replace) at the next revision, stamping its <c>resourceVersion</c>; the caller
    /// holds <see cref="Gate"/> and has checked preconditions. Returns the committed event.
    /// </summary>
    public StoreEvent Put(string storageKey, string ns, string name, JsonObject obj)
    {
        lock (_gate)
        {
            if (!_data.TryGetValue(storageKey, out var objects))
            {
                objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                _data[storageKey] = objects;
            }

            var key = ObjectKey(ns, name);
            objects.TryGetValue(key, out var previous);
            var stored = (JsonObject)obj.DeepClone();
            ObjectMeta.SetResourceVersion(stored, ++_revision);
            objects[key] = stored;
            return Commit(new StoreEvent(_revision, previous is null ? StoreEventKind.Added : StoreEventKind.Modified,
                storageKey, ns, name, previous, stored));
        }
    }

    /// <summary>Removes an object at the next revision; null when it does not exist.</summary>
    public StoreEvent? Remove(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            if (!_data.TryGetValue(storageKey, out var objects) || !objects.Remove(ObjectKey(ns, name), out var previous))
            {
                return null;
            }

            var tombstone = (JsonObject)previous.DeepClone();
            ObjectMeta.SetResourceVersion(tombstone, ++_revision);
            return Commit(new StoreEvent(_revision, StoreEventKind.Deleted, storageKey, ns, name, previous, tombstone));
        }
    }

    /// <summary>
    /// Starts a watch. With <paramref name="fromRevision"/> null the watcher first receives every current object as
    /// ADDED; otherwise every change after that revision, replayed from history. Both happen under the store lock, so
    /// nothing committed meanwhile is lost or duplicated.
    /// </summary>
    public Watcher Watch(string? storageKey, string? ns, Func<JsonObject, bool> filter, long? fromRevision,
        bool initialEventsEnd = false)
    {
        lock (_gate)
        {
            if (fromRevision is { } from)
            {
                if (from < _oldestRevision)
                {
                    throw ApiErrors.Expired($"too old resource version: {from} ({_oldestRevision})");
                }

                if (from > _revision)
                {
                    throw ApiErrors.TooLargeResourceVersion(from, _revision);
                }
            }

            var watcher = new Watcher(storageKey, ns, filter, _hub.Remove);
            if (fromRevision is { } start)
            {
                foreach (var e in _history.Where(e => e.Revision > start))
                {
                    watcher.Deliver(e);
                }
            }
            else if (storageKey is not null)
            {
                foreach (var (_, obj) in Current(storageKey, ns))
                {
                    if (filter(obj))
                    {
                        watcher.Enqueue(new WatchItem(WatchItemKind.Added, obj, ObjectRevision(obj)));
                    }
                }
            }

            if (initialEventsEnd)
            {
                watcher.Enqueue(new WatchItem(WatchItemKind.InitialEventsEnd, null, _revision));
            }

            _hub.Add(watcher);
            return watcher;
        }
    }

    /// <summary>Queues a BOOKMARK at the current revision; everything up to it is already queued before it.</summary>
    public void Bookmark(Watcher watcher)
    {
        lock (_gate)
        {
            watcher.Enqueue(new WatchItem(WatchItemKind.Bookmark, null, _revision));
        }
    }

    /// <summary>Forgets all history, as an etcd compaction at the current revision: older revisions get 410.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _oldestRevision = _revision;
        }
    }

    /// <summary>Ends every watch on a resource (its CRD is gone), as the API server closes them.</summary>
    public void CloseWatches(string storageKey) => _hub.CloseAll(storageKey);

    private static long ObjectRevision(JsonObject obj) =>
        long.TryParse(ObjectMeta.ResourceVersion(obj), out var rv) ? rv : 0;

    private IEnumerable<KeyValuePair<string, JsonObject>> Current(string storageKey, string? ns) =>
        !_data.TryGetValue(storageKey, out var objects) ? []
        : ns is null ? objects
        : objects.Where(kv => kv.Key.StartsWith(ns + "/", StringComparison.Ordinal));

    private StoreEvent Commit(StoreEvent e)
    {
        _history.Add(e);
        if (_history.Count > _historyLimit)
        {
            var drop = _history.Count - _historyLimit;
            _oldestRevision = _history[drop - 1].Revision;
            _history.RemoveRange(0, drop);
        }

        _hub.Publish(e);
        foreach (var hook in _hooks)
        {
            hook(e);
        }

        return e;
    }
}
