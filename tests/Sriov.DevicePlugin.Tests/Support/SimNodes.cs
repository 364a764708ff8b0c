using Sriov.Host.Sysfs;
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

    /// <summary>Creates <paramref name="vfs"/> VFs on <paramref name="pf"/> of a running node and binds the functions
    /// <paramref name="bind"/> to vfio-pci the way the config daemon does; returns their IOMMU groups.</summary>
    public static async Task<IReadOnlyList<int?>> BindVfioAsync(SimNode node, string pf, int vfs, params string[] bind)
    {
        var control = new PciControl(node.Root, TimeProvider.System);
        await control.SetNumVfsAsync(PciAddress.Parse(pf), vfs);
        await node.WaitIdleAsync();
        foreach (var address in bind)
        {
            await control.BindDriverAsync(PciAddress.Parse(address), "vfio-pci");
        }

        await node.WaitIdleAsync();
        return [.. bind.Select(a => new PciDiscovery(node.Root).Discover(PciAddress.Parse(a))!.IommuGroup)];
    }
}
