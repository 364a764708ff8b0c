using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Pools;

/// <summary>
/// Keeps an RDMA device in its <c>isRdma</c> pool while it sits in a pod (pure). In exclusive RDMA netns mode
/// (<c>rdma system set netns exclusive</c>) the CNI moves the VF's netdev and its RDMA device into the pod's netns, and
/// the host's sysfs then lists neither under the function (<c>net/</c> and <c>infiniband/</c> are per-netns views), so
/// a fresh scan would find a plain device that <c>isRdma</c> no longer selects and the pool would shrink at every pod
/// start. A device a pool held with RDMA devices keeps them for selection when its function (or auxiliary device) is
/// still there with the same driver and has neither RDMA devices nor a netdev in the host's view. An RDMA device that
/// vanished while the netdev stayed (mlx5_ib unloaded) is not carried over. Upstream asks devlink's
/// <c>enable_rdma</c> instead (spec/device-plugin.md §4.2); see docs/decisions.md.
/// </summary>
internal static class RdmaMemory
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Carry(IEnumerable<PoolEntry> previous, NodeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(snapshot);
        var moved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in previous)
        {
            var d = entry.Device.Candidate;
            if (entry.Presence == Presence.Present && d.RdmaDevices.Count > 0 && Hidden(d, snapshot))
            {
                moved[d.Id] = d.RdmaDevices;
            }
        }

        return moved;
    }

    private static bool Hidden(DeviceCandidate d, NodeSnapshot snapshot)
    {
        var function = snapshot.Inventory.Find(d.Pci);
        if (function is null || function.Problems.Any(p => p.Attribute == ".") || function.Driver != d.Driver)
        {
            return false;
        }

        if (d.IsAuxiliary)
        {
            return snapshot.AuxDevices.FirstOrDefault(a => a.Name == d.Id) is { RdmaDevices.Count: 0, Netdev: null };
        }

        return function.RdmaDevices.Count == 0 && function.Netdevs.Count == 0;
    }
}
