using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer.Watch;

/// <summary>The live watchers; the store publishes every commit to them under its lock.</summary>
internal sealed class WatchHub
{
    private readonly object _gate = new();
    private readonly List<Watcher> _watchers = [];

    public void Add(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Add(watcher);
        }
    }

    public void Remove(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }
    }

    public void Publish(StoreEvent e)
    {
        lock (_gate)
        {
            foreach (var w in _watchers)
            {
                w.Deliver(e);
            }
        }
    }

    public void CloseAll(string storageKey)
    {
        lock (_gate)
        {
            foreach (var w in _watchers.Where(w => w.StorageKey == storageKey))
            {
                w.Close();
            }
        }
    }
}
