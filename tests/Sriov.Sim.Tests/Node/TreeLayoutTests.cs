using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Tests.Node;

/// <summary>The tree is laid out as the kernel lays out sysfs (checked against spec/real-nic.md's igb guest).</summary>
public class TreeLayoutTests
{
    [Fact]
    public void Igb_tree_matches_the_real_kernel()
    {
        var d = NodeProfiles.Get("igb");
        d.Ports[0].NumVfs = 2;
        using var node = SimNode.Create(d, new SimNodeOptions { StartEmulator = false });
        var sys = node.Root.Sys;
        var pfDir = Path.Join(sys, "devices/pci0000:00/0000:00:02.0/0000:01:00.0");

        Assert.Equal("../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0", Link(sys, "bus/pci/devices/0000:01:00.0"));
        Assert.Equal("../../../../bus/pci/drivers/igb", Link(pfDir, "driver"));
        Assert.Equal("../0000:01:10.0", Link(pfDir, "virtfn0"));
        Assert.Equal("../0000:01:10.2", Link(pfDir, "virtfn1"));
        Assert.Equal("../0000:01:00.0", Link(sys, "devices/pci0000:00/0000:00:02.0/0000:01:10.2/physfn"));
        Assert.Equal("../../../../bus/pci/drivers/igbvf", Link(sys, "devices/pci0000:00/0000:00:02.0/0000:01:10.2/driver"));
        Assert.Equal("../../../../devices/pci0000:00/0000:00:02.0/0000:01:10.2", Link(sys, "bus/pci/drivers/igbvf/0000:01:10.2"));
        Assert.Equal("../../devices/pci0000:00/0000:00:02.0/0000:01:00.0/net/eth0", Link(sys, "class/net/eth0"));
        Assert.Equal("../../devices/pci0000:00/0000:00:02.0/0000:01:10.2/net/eth2", Link(sys, "class/net/eth2"));

        // The attribute values of real-nic.md §3 and the kernel's formats.
        Assert.Equal(("7", "128", "2", "10ca", "1", "2"), (Read(pfDir, "sriov_totalvfs"), Read(pfDir, "sriov_offset"), Read(pfDir, "sriov_stride"), Read(pfDir, "sriov_vf_device"), Read(pfDir, "sriov_drivers_autoprobe"), Read(pfDir, "sriov_numvfs")));
        Assert.Equal(("0x8086", "0x10c9", "0x020000", "(null)", "-1"), (Read(pfDir, "vendor"), Read(pfDir, "device"), Read(pfDir, "class"), Read(pfDir, "driver_override"), Read(pfDir, "numa_node")));
        Assert.Equal("pci:v00008086d000010C9sv00008086sd00000000bc02sc00i00", Read(pfDir, "modalias"));
        Assert.Contains("DRIVER=igb\nPCI_CLASS=20000\nPCI_ID=8086:10C9\n", File.ReadAllText(Path.Join(pfDir, "uevent")), StringComparison.Ordinal);

        // IOMMU off: no groups. VFs have no remove/rescan (the kernel hides them), the PF does.
        Assert.False(Directory.Exists(Path.Join(sys, "kernel/iommu_groups/0")));
        Assert.False(File.Exists(Path.Join(pfDir, "iommu_group")));
        Assert.True(File.Exists(Path.Join(pfDir, "remove")));
        Assert.False(File.Exists(Path.Join(sys, "devices/pci0000:00/0000:00:02.0/0000:01:10.0/remove")));
        Assert.Equal("N", Read(sys, "module/vfio/parameters/enable_unsafe_noiommu_mode"));
        foreach (var f in new[] { "bind", "unbind", "new_id", "remove_id" })
        {
            Assert.True(File.Exists(Path.Join(sys, "bus/pci/drivers/vfio-pci", f)));
        }

        Assert.True(File.Exists(Path.Join(sys, "bus/pci/drivers_probe")));
    }

    [Fact]
    public void Every_function_has_its_own_iommu_group_when_the_iommu_is_on()
    {
        var d = NodeProfiles.Get("mlx-cx6");
        d.Ports[0].NumVfs = 3;
        using var node = SimNode.Create(d, new SimNodeOptions { StartEmulator = false });
        var groups = Directory.GetDirectories(Path.Join(node.Root.Sys, "kernel/iommu_groups"));
        Assert.Equal(1 + 2 + 3, groups.Length); // bridge, 2 PFs, 3 VFs
        foreach (var g in groups)
        {
            var member = Assert.Single(Directory.GetFileSystemEntries(Path.Join(g, "devices")));
            var device = Path.Join(node.Root.Sys, "bus/pci/devices", Path.GetFileName(member));
            Assert.Equal(Path.GetFileName(g), Path.GetFileName(new FileInfo(Path.Join(device, "iommu_group")).LinkTarget));
        }

        // mlx5 registers an RDMA device per function it drives.
        Assert.Equal(["mlx5_0", "mlx5_1", "mlx5_2", "mlx5_3", "mlx5_4"], Directory.GetFileSystemEntries(Path.Join(node.Root.Sys, "class/infiniband")).Select(Path.GetFileName).Order());
        Assert.Equal("p0", File.ReadAllText(Path.Join(node.Root.Sys, "class/net/ens3f0np0/phys_port_name")).Trim());
    }

    private static string Link(string dir, string name) => new FileInfo(Path.Join(dir, name)).LinkTarget!;

    private static string Read(string dir, string name) => File.ReadAllText(Path.Join(dir, name)).TrimEnd('\n');
}
