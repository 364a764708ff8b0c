using Sriov.Sim.Node;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>Simulated nodes for the daemon's tests.</summary>
internal static class Nodes
{
    /// <summary>A running node (kernel emulator on, file netdevs) of a profile, optionally changed first.</summary>
    public static SimNode Running(string profile, Action<NodeDescription>? change = null)
    {
        var description = NodeProfiles.Get(profile);
        change?.Invoke(description);
        return SimNode.Create(description, new SimNodeOptions { NetdevDelay = TimeSpan.FromMilliseconds(10) });
    }

    /// <summary>A node of a profile with <paramref name="vfs"/> VFs on every port (at most each port's total).</summary>
    public static SimNode WithVfs(string profile, int vfs) =>
        Running(profile, d => d.Ports.ForEach(p => p.NumVfs = Math.Min(vfs, p.TotalVfs)));
}
