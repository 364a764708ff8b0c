using k8s;
using k8s.Models;
using Sriov.Kube.Client;

namespace Sriov.Kube.Informers;

/// <summary>
/// The informer's store: the last known state of every object its list and watch selected, by key. Reads are safe from
/// any thread; only the informer writes. Objects are shared, not copied: treat them as read-only (copy before mutating,
/// as with client-go's cache).
/// </summary>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>Stores a watched object; the event to deliver, or null when the cache already has this version.</summary>
    internal InformerEvent<T>? Upsert(T item)
    {
        var key = ObjectKey.Of(item);
        lock (_lock)
        {
            _items.TryGetValue(key, out var previous);
            if (previous is not null && SameVersion(previous, item))
            {
                return null;
            }

            _items[key] = item;
            return new InformerEvent<T>(previous is null ? InformerEventType.Added : InformerEventType.Modified, key,
                item, previous);
        }
    }

    /// <summary>Removes a watched object; the event to deliver, or null when it was not cached.</summary>
    internal InformerEvent<T>? Remove(T item)
    {
        var key = ObjectKey.Of(item);
        lock (_lock)
        {
            return _items.Remove(key, out var previous)
                ? new InformerEvent<T>(InformerEventType.Deleted, key, item, previous)
                : null;
        }
    }

    /// <summary>
    /// Replaces the content with a fresh list and returns the difference as events: objects new to the cache are
    /// Added, objects with another resourceVersion Modified, cached objects missing from the list Deleted (with their
    /// last known state), unchanged objects nothing. A re-list after 410 thus delivers each change the watch missed
    /// exactly once, and nothing twice.
    /// </summary>
    internal IReadOnlyList<InformerEvent<T>> Replace(IEnumerable<T> items)
    {
        var events = new List<InformerEvent<T>>();
        lock (_lock)
        {
            var fresh = new Dictionary<ObjectKey, T>();
            foreach (var item in items)
            {
                fresh[ObjectKey.Of(item)] = item;
            }

            foreach (var (key, previous) in _items)
            {
                if (!fresh.ContainsKey(key))
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Deleted, key, previous, previous));
                }
            }

            foreach (var (key, item) in fresh)
            {
                if (!_items.TryGetValue(key, out var previous))
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Added, key, item, null));
                }
                else if (!SameVersion(previous, item))
                {
                    events.Add(new InformerEvent<T>(InformerEventType.Modified, key, item, previous));
                }
            }

            _items.Clear();
            foreach (var (key, item) in fresh)
            {
                _items[key] = item;
            }
        }

        return events;
    }

    private static bool SameVersion(T a, T b) =>
        a.Metadata.ResourceVersion is { } rv && rv == b.Metadata.ResourceVersion && a.Metadata.Uid == b.Metadata.Uid;
}
