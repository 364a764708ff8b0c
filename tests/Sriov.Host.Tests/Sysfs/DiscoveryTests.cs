using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Host.Tests.Sysfs;

public class DiscoveryTests
{
    public static TheoryData<string> Profiles => [.. NodeProfiles.List.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Discovers_every_pf_and_vf_of_a_profile_as_described(string profile)
    {
        using var node = SimNodes.TreeWithVfs(profile, vfs: 3);
        var inventory = new PciDiscovery(node.Root).DiscoverAll();

        Assert.Equal(node.Description.Ports.Count, inventory.PhysicalFunctions.Count());
        Assert.All(inventory, f => Assert.Empty(f.Problems));
        var iommu = node.Description.Iommu == "on";
        foreach (var port in node.Description.Ports)
        {
            var pf = inventory.Find(PciAddress.Parse(port.PciAddress));
            Assert.NotNull(pf);
            Assert.Equal((port.Vendor, port.Device, port.Class, port.Driver), (pf.VendorId, pf.DeviceId, pf.ClassCode, pf.Driver));
            Assert.Equal(port.SubsystemDevice ?? "0000", pf.SubsystemDeviceId);
            Assert.Equal((port.TotalVfs, 3), (pf.TotalVfs, pf.NumVfs));
            Assert.Equal(port.NumaNode, pf.NumaNode);
            Assert.Equal(iommu, pf.IommuGroup is not null);
            Assert.Null(pf.DriverOverride);
            Assert.False(pf.IsVirtualFunction);
            Assert.Equal(port.Netdev is null ? [] : new[] { port.Netdev }, pf.Netdevs.Select(n => n.Name));
            Assert.Equal(port.Rdma is null ? 0 : 1, pf.RdmaDevices.Count);

            var vfs = inventory.VfsOf(pf.Address);
            Assert.Equal(3, vfs.Count);
            for (var i = 0; i < vfs.Count; i++)
            {
                var vf = vfs[i];
                Assert.Equal(pf.Address.VirtualFunction(port.VfOffset, port.VfStride, i), vf.Address);
                Assert.Equal(new VfSlot(i, vf.Address), pf.Vfs[i]);
                Assert.Equal((pf.Address, i), (vf.PhysFn, vf.VfIndex));
                Assert.Equal((port.VfDevice, string.IsNullOrEmpty(port.VfDriver) ? null : port.VfDriver), (vf.DeviceId, vf.Driver));
                Assert.Equal((port.Class, port.NumaNode), (vf.ClassCode, vf.NumaNode));
                Assert.Equal(iommu, vf.IommuGroup is not null);
                Assert.Null(vf.TotalVfs);
                Assert.Equal(port.Netdev is null ? 0 : 1, vf.Netdevs.Count);
            }
        }

        // Every function with an IOMMU group has its own (root-port ACS, as real-kernel.md observed).
        var groups = inventory.Where(f => f.IommuGroup is not null).Select(f => f.IommuGroup).ToList();
        Assert.Equal(groups.Count, groups.Distinct().Count());
    }

    [Theory]
    [InlineData("intel-e810", "0000:3b:00.0", "ens1f0", "b4:96:91:a5:c0:00", 1500, LinkType.Ether, "up", true)]
    [InlineData("mlx-cx6-ib", "0000:d8:00.0", "ibs4f0", "00:00:10:87:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:d8:00:00", 2044, LinkType.Infiniband, "up", true)]
    [InlineData("intel-e810", "0000:3b:01.0", "ens1f0v0", "02:00:3b:08:00:01", 1500, LinkType.Ether, "down", false)]
    [InlineData("igb", "0000:01:10.2", "eth2", "02:00:01:82:00:01", 1500, LinkType.Ether, "down", false)]
    public void Reads_netdev_attributes(string profile, string address, string name, string mac, int mtu, int type, string oper, bool carrier)
    {
        using var node = SimNodes.TreeWithVfs(profile);
        var f = new PciDiscovery(node.Root).Discover(PciAddress.Parse(address));
        var netdev = Assert.Single(f!.Netdevs);
        Assert.Equal((name, mac, mtu, type, oper, carrier), (netdev.Name, netdev.Mac, netdev.Mtu, netdev.LinkType, netdev.OperState, netdev.Carrier));
        Assert.Equal(type == LinkType.Infiniband ? "infiniband" : "ether", LinkType.Name(netdev.LinkType));
    }

    [Fact]
    public void Igb_vfs_sit_at_offset_128_stride_2_as_on_the_real_kernel()
    {
        using var node = SimNodes.TreeWithVfs("igb", vfs: 7);
        var pf = new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:01:00.0"))!;
        Assert.Equal(
            ["0000:01:10.0", "0000:01:10.2", "0000:01:10.4", "0000:01:10.6", "0000:01:11.0", "0000:01:11.2", "0000:01:11.4"],
            pf.Vfs.Select(v => v.Address.ToString()));
        Assert.Equal(-1, pf.NumaNode);
        Assert.Null(pf.IommuGroup);
    }

    [Fact]
    public void Driver_computed_attributes_are_read_only_when_asked()
    {
        using var node = SimNodes.TreeWithVfs("mlx-cx6");
        var discovery = new PciDiscovery(node.Root);
        var pf = discovery.Discover(PciAddress.Parse("0000:af:00.0"))!.Netdevs[0];
        var vf = discovery.Discover(PciAddress.Parse("0000:af:00.2"))!.Netdevs[0];

        // Change the files after discovery: the lazy readers see the new values, proving they were not cached.
        File.WriteAllText(Path.Join(pf.SysPath, "speed"), "200000\n");
        Assert.Equal(200000, pf.ReadSpeedMbps());
        Assert.Equal("p0", pf.ReadPhysPortName());
        Assert.Null(vf.ReadSpeedMbps()); // a down VF: unknown (-1)
        Assert.Null(vf.ReadPhysPortName()); // legacy-mode VF: the driver has none
        Assert.Null(pf.ReadPhysSwitchId());
    }

    /// <summary>
    /// On real hardware, reading <c>speed</c> or <c>phys_port_name</c> calls into the driver (ethtool, firmware), so the
    /// discovery hot path must never open them: strace records every file <c>host inventory</c> opens on a node whose
    /// netdevs have both files.
    /// </summary>
    [Fact]
    public async Task Discovery_never_opens_driver_computed_attributes()
    {
        using var node = SimNodes.TreeWithVfs("mixed");
        Assert.True(File.Exists(node.Root.Resolve("sys/bus/pci/devices/0000:af:00.0/net/ens3f0np0/phys_port_name")));
        var trace = Path.Join(node.Root.Path, "opens.trace");

        var (code, stdout, stderr) = await SimUnderStrace.RunAsync(
            ["-f", "-qq", "-e", "trace=open,openat,openat2", "-o", trace], $"host inventory --root {node.Root.Path} --all");

        Assert.True(code == 0, stderr);
        Assert.Contains("0000:af:00.2", stdout, StringComparison.Ordinal);
        var opens = File.ReadAllLines(trace).Where(l => l.Contains(node.Root.Path, StringComparison.Ordinal)).ToList();
        Assert.Contains(opens, l => l.Contains("/net/ens3f0np0/", StringComparison.Ordinal)); // netdevs were read
        Assert.DoesNotContain(opens, l => l.Contains("/speed\"", StringComparison.Ordinal)
            || l.Contains("/phys_port_name\"", StringComparison.Ordinal) || l.Contains("/phys_switch_id\"", StringComparison.Ordinal));
    }

    [Fact]
    public void One_function_and_the_vfs_of_one_pf()
    {
        using var node = SimNodes.TreeWithVfs("intel-x710", vfs: 5);
        var discovery = new PciDiscovery(node.Root);
        var vf = discovery.Discover(PciAddress.Parse("0000:5e:0a.2"))!;
        Assert.Equal((PciAddress.Parse("0000:5e:00.1"), 2), (vf.PhysFn, vf.VfIndex));
        Assert.Equal("ens2f1v2", vf.Netdevs[0].Name);

        var vfs = discovery.DiscoverVfs(PciAddress.Parse("0000:5e:00.0"))!;
        Assert.Equal([0, 1, 2, 3, 4], vfs.Select(v => v.VfIndex!.Value));
        Assert.All(vfs, v => Assert.Equal("iavf", v.Driver));

        Assert.Null(discovery.Discover(PciAddress.Parse("0000:99:00.0")));
        Assert.Null(discovery.DiscoverVfs(PciAddress.Parse("0000:99:00.0")));
        Assert.Empty(discovery.DiscoverVfs(PciAddress.Parse("0000:5d:00.0"))!); // the bridge has no VFs
    }

    [Fact]
    public void Bridges_are_functions_too_but_not_sriov()
    {
        using var node = SimNodes.TreeWithVfs("mixed", vfs: 0);
        var inventory = new PciDiscovery(node.Root).DiscoverAll();
        var bridges = inventory.Where(f => f.ClassCode == "060400").ToList();
        Assert.Equal(5, bridges.Count);
        Assert.All(bridges, b => Assert.Equal(("pcieport", false, false), (b.Driver, b.IsPhysicalFunction, b.IsVirtualFunction)));
        Assert.Equal(["accel", "ether", "infiniband"], inventory.PhysicalFunctions
            .Select(f => f.Netdevs.Count == 0 ? "accel" : LinkType.Name(f.Netdevs[0].LinkType)!).Distinct().Order());
    }

    [Fact]
    public void Missing_sys_is_a_clear_error()
    {
        var root = Directory.CreateTempSubdirectory("sriov-empty-");
        try
        {
            var e = Assert.Throws<SysfsRequestException>(() => new PciDiscovery(new HostRoot(root.FullName)).DiscoverAll());
            Assert.Contains("sys/bus/pci/devices", e.Message);
            Assert.Contains("ENOENT", e.Message);
        }
        finally
        {
            root.Delete(true);
        }
    }
}
