using Sriov.Sim.Node;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>Simulated nodes for the device plugin's tests.</summary>
internal static class SimNodes
{
    /// <summary>A profile's tree with <paramref name="vfs"/> VFs per port (at most its total), without the kernel emulator.</summary>
    public static SimNode Tree(string profile, int vfs = 4, Action<NodeDescription>? change = null)
    {
        var description = NodeProfiles.Get(profile);
        foreach (var port in description.Ports)
        {
            port.NumVfs = Math.Min(vfs, port.TotalVfs);
        }

        change?.Invoke(description);
        return SimNode.Create(description, new SimNodeOptions { StartEmulator = false });
    }

    /// <summary>A running node (kernel emulator on).</summary>
    public static SimNode Running(string profile, int vfs = 0, NetdevMode netdevs = NetdevMode.Files, Action<NodeDescription>? change = null)
    {
        var description = NodeProfiles.Get(profile);
        foreach (var port in description.Ports)
        {
            port.NumVfs = Math.Min(vfs, port.TotalVfs);
        }

        change?.Invoke(description);
        return SimNode.Create(description, new SimNodeOptions { Netdevs = netdevs, NetdevDelay = TimeSpan.FromMilliseconds(10) });
    }
}
