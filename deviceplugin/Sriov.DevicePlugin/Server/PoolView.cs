using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Pools;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.DevicePlugin.Server;

/// <summary>An immutable view of one pool (spec and entries) that RPCs read while the watcher swaps in the next one.</summary>
internal sealed class PoolView
{
    public PoolView(PoolSpec spec, IReadOnlyList<PoolEntry> entries)
    {
        Spec = spec;
        Entries = entries;
        ById = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public PoolSpec Spec { get; }

    public IReadOnlyList<PoolEntry> Entries { get; }

    public IReadOnlyDictionary<string, PoolEntry> ById { get; }

    /// <summary>The ListAndWatch message: every device with its health and, unless excluded, its NUMA node.</summary>
    public ListAndWatchResponse ToResponse()
    {
        var response = new ListAndWatchResponse();
        foreach (var e in Entries)
        {
            var device = new Device { ID = e.Id, Health = e.Healthy ? DevicePluginApi.Healthy : DevicePluginApi.Unhealthy };
            if (e.Device.Numa is { } numa)
            {
                device.Topology = new TopologyInfo { Nodes = { new NUMANode { ID = numa } } };
            }

            response.Devices.Add(device);
        }

        return response;
    }

    /// <summary>Whether the kubelet would see a difference (ids, health or topology).</summary>
    public bool SameAdvertisement(PoolView other) =>
        Entries.Count == other.Entries.Count
        && Entries.Zip(other.Entries).All(p => p.First.Id == p.Second.Id && p.First.Healthy == p.Second.Healthy && p.First.Device.Numa == p.Second.Device.Numa);
}
