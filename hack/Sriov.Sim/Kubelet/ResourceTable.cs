using Sriov.Kubelet;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// The device manager's state: resources with their plugin connection and devices, the allocations (which survive a
/// kubelet restart, as the kubelet's checkpoint keeps them), and the registration history; waiters are woken on
/// every change.
/// </summary>
internal sealed class ResourceTable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _resources = new(StringComparer.Ordinal);
    private readonly List<ContainerAllocation> _allocations = [];
    private readonly HashSet<(string Resource, string Device)> _reserved = [];
    private readonly List<RegistrationRecord> _registrations = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyDictionary<string, DeviceResource> Snapshot()
    {
        lock (_gate)
        {
            return _resources.ToDictionary(kv => kv.Key, kv => kv.Value.State, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<ContainerAllocation> Allocations()
    {
        lock (_gate)
        {
            return [.. _allocations];
        }
    }

    public IReadOnlyList<RegistrationRecord> Registrations()
    {
        lock (_gate)
        {
            return [.. _registrations];
        }
    }

    /// <summary>A task that completes at the next change.</summary>
    public Task NextChange()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    public void Record(RegistrationRecord record)
    {
        lock (_gate)
        {
            _registrations.Add(record);
            Signal();
        }
    }

    /// <summary>Installs a newly connected plugin for its resource; returns the connection it replaces.</summary>
    public PluginConnection? Register(PluginConnection connection, RegistrationMode mode)
    {
        lock (_gate)
        {
            _resources.TryGetValue(connection.Resource, out var old);
            old?.Grace?.Cancel();
            _resources[connection.Resource] = new Entry(
                new DeviceResource(connection.Resource, connection.Endpoint, mode, connection.Options.PreStartRequired,
                    connection.Options.GetPreferredAllocationAvailable, old?.State.Devices ?? [], Connected: true, 0),
                connection, null);
            Signal();
            return old?.Connection;
        }
    }

    public void UpdateDevices(PluginConnection connection, IReadOnlyList<PluginDevice> devices)
    {
        lock (_gate)
        {
            if (_resources.TryGetValue(connection.Resource, out var entry) && entry.Connection == connection)
            {
                _resources[connection.Resource] = entry with
                {
                    State = entry.State with { Devices = devices, ListAndWatchUpdates = entry.State.ListAndWatchUpdates + 1 },
                };
                Signal();
            }
        }
    }

    /// <summary>Marks a resource's devices unhealthy because its plugin went away (if that connection is still the
    /// current one) and drops the resource after the grace period unless the plugin comes back.</summary>
    public bool Disconnect(PluginConnection connection, TimeSpan grace)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(connection.Resource, out var entry) || entry.Connection != connection)
            {
                return false;
            }

            StartGrace(connection.Resource, entry with
            {
                Connection = null,
                State = entry.State with
                {
                    Connected = false,
                    Devices = [.. entry.State.Devices.Select(d => d with { Health = DevicePluginApi.Unhealthy })],
                },
            }, grace);
            return true;
        }
    }

    /// <summary>After a kubelet restart every resource has capacity zero until its plugin registers again; returns the
    /// connections to close.</summary>
    public IReadOnlyList<PluginConnection> ResetForRestart(TimeSpan grace)
    {
        lock (_gate)
        {
            var connections = _resources.Values.Select(e => e.Connection).OfType<PluginConnection>().ToList();
            foreach (var (name, entry) in _resources.ToList())
            {
                entry.Grace?.Cancel();
                StartGrace(name, entry with { Connection = null, State = entry.State with { Connected = false, Devices = [] } },
                    grace);
            }

            return connections;
        }
    }

    public PluginConnection? Connection(string resource)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(resource, out var e) ? e.Connection : null;
        }
    }

    public IReadOnlyList<PluginConnection> Connections()
    {
        lock (_gate)
        {
            return [.. _resources.Values.Select(e => e.Connection).OfType<PluginConnection>()];
        }
    }

    /// <summary>An existing allocation of the container, or the free healthy devices of a connected resource.</summary>
    public (ContainerAllocation? Existing, DeviceResource State, IReadOnlyList<string> Available) Prepare(
        string pod, string container, string resource)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resource, out var entry))
            {
                throw new KubeletAllocationException(
                    $"no device plugin has registered resource {resource} (registered: {string.Join(", ", _resources.Keys)})");
            }

            if (!entry.State.Connected)
            {
                throw new KubeletAllocationException(
                    $"the device plugin of {resource} is not connected (it went away or the kubelet restarted); " +
                    "allocatable is 0 until it registers again");
            }

            var existing = _allocations.FirstOrDefault(a => a.Pod == pod && a.Container == container && a.ResourceName == resource);
            var used = _allocations.Where(a => a.ResourceName == resource).SelectMany(a => a.DeviceIds)
                .Concat(_reserved.Where(r => r.Resource == resource).Select(r => r.Device)).ToHashSet(StringComparer.Ordinal);
            var available = entry.State.Devices.Where(d => d.IsHealthy && !used.Contains(d.Id)).Select(d => d.Id)
                .Order(StringComparer.Ordinal).ToList();
            return (existing, entry.State, available);
        }
    }

    /// <summary>Holds devices while the plugin is asked to allocate them; false if another allocation took one.</summary>
    public bool Reserve(string resource, IReadOnlyList<string> devices)
    {
        lock (_gate)
        {
            if (devices.Any(d => _reserved.Contains((resource, d))
                                 || _allocations.Any(a => a.ResourceName == resource && a.DeviceIds.Contains(d))))
            {
                return false;
            }

            foreach (var d in devices)
            {
                _reserved.Add((resource, d));
            }

            return true;
        }
    }

    public void Complete(string resource, IReadOnlyList<string> devices, ContainerAllocation? allocation)
    {
        lock (_gate)
        {
            foreach (var d in devices)
            {
                _reserved.Remove((resource, d));
            }

            if (allocation is not null)
            {
                _allocations.Add(allocation);
            }

            Signal();
        }
    }

    public int Release(string pod)
    {
        lock (_gate)
        {
            var removed = _allocations.RemoveAll(a => a.Pod == pod);
            Signal();
            return removed;
        }
    }

    private void StartGrace(string name, Entry entry, TimeSpan grace)
    {
        var cts = new CancellationTokenSource();
        _resources[name] = entry with { Grace = cts };
        Signal();
        _ = Task.Delay(grace, cts.Token).ContinueWith(t =>
        {
            if (t.IsCanceled)
            {
                return;
            }

            lock (_gate)
            {
                if (_resources.TryGetValue(name, out var current) && current.Grace == cts)
                {
                    _resources.Remove(name);
                    Signal();
                }
            }
        }, TaskScheduler.Default);
    }

    private void Signal()
    {
        var done = _changed;
        _changed = NewSignal();
        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(DeviceResource State, PluginConnection? Connection, CancellationTokenSource? Grace);
}
