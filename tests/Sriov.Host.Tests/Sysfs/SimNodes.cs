using Sriov.Sim.Node;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>Simulated nodes for the sysfs tests.</summary>
internal static class SimNodes
{
    /// <summary>A profile's tree with <paramref name="vfs"/> VFs (at most each port's total) already created, without the emulator.</summary>
    public static SimNode TreeWithVfs(string profile, int vfs = 4)
    {
        var description = NodeProfiles.Get(profile);
        foreach (var port in description.Ports)
        {
            port.NumVfs = Math.Min(vfs, port.TotalVfs);
        }

        return SimNode.Create(description, new SimNodeOptions { StartEmulator = false });
    }

    /// <summary>A running node (kernel emulator on) of a profile, optionally changed first.</summary>
    public static SimNode Running(string profile, Action<NodeDescription>? change = null, TimeProvider? time = null)
    {
        var description = NodeProfiles.Get(profile);
        change?.Invoke(description);
        return SimNode.Create(description, new SimNodeOptions { Time = time ?? TimeProvider.System, NetdevDelay = TimeSpan.FromMilliseconds(20) });
    }
}
