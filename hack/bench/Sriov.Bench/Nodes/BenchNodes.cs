using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Bench.Nodes;

/// <summary>Simulated nodes the benchmarks share.</summary>
internal static class BenchNodes
{
    /// <summary>
    /// Two E810 NICs (4 PFs: ens1f0/1 at 3b:00.x, ens5f0/1 at 86:00.x), 128 VFs each with a netdev: 512 VFs, laid out
    /// by the simulator without its emulator; the tree is on the ordinary filesystem, whose per-file cost is close to
    /// sysfs's (both are in-memory lookups).
    /// </summary>
    public static SimNode FourPortsWith128Vfs(string? root = null)
    {
        var description = NodeProfiles.Get("intel-e810");
        var second = NodeProfiles.Get("intel-e810").Ports;
        second[0].PciAddress = "0000:86:00.0";
        second[1].PciAddress = "0000:86:00.1";
        second[0].Bridge = second[1].Bridge = "0000:85:00.0";
        second[0].Netdev = "ens5f0";
        second[1].Netdev = "ens5f1";
        description.Ports.AddRange(second);
        foreach (var port in description.Ports)
        {
            port.NumVfs = 128;
        }

        return SimNode.Create(description, new SimNodeOptions { StartEmulator = false, Root = root });
    }
}
