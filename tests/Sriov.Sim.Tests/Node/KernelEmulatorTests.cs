using Microsoft.Extensions.Time.Testing;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Tests.Node;

/// <summary>The emulator's reactions to plain writes, and the record of what the real kernel would have refused.</summary>
public class KernelEmulatorTests
{
    private const string Pf = "0000:3b:00.0";

    [Fact]
    public async Task Numvfs_creates_vfs_with_links_groups_drivers_and_late_netdevs()
    {
        var time = new FakeTimeProvider();
        using var node = Start("intel-e810", time: time, delay: TimeSpan.FromSeconds(1));
        Write(node, $"bus/pci/devices/{Pf}/sriov_numvfs", "2\n");
        await WaitFor(() => Exists(node, "bus/pci/devices/0000:3b:01.1/driver"));

        var vf = Dev(node, "0000:3b:01.1");
        Assert.Equal("iavf", LinkName(vf, "driver"));
        Assert.Equal(Pf, LinkName(vf, "physfn"));
        Assert.NotNull(LinkName(vf, "iommu_group"));
        Assert.False(Directory.Exists(Path.Join(vf, "net")));

        // iavf registers the interface from a work queue after the bind: real time passing does not make it appear,
        // only the emulator's clock reaching the delay does.
        await Task.Delay(200);
        Assert.False(Directory.Exists(Path.Join(vf, "net")));
        await WaitFor(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return Directory.Exists(Path.Join(vf, "net", "ens1f0v1"));
        });
        await node.WaitIdleAsync();
        Assert.True(Exists(node, "class/net/ens1f0v1"));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Numvfs_zero_removes_every_trace_of_the_vfs()
    {
        using var node = Start("intel-e810", numVfs: 3);
        var groupsBefore = Directory.GetDirectories(Path.Join(node.Root.Sys, "kernel/iommu_groups")).Length;
        Write(node, $"bus/pci/devices/{Pf}/sriov_numvfs", "0");
        await node.WaitIdleAsync();

        Assert.False(Exists(node, "bus/pci/devices/0000:3b:01.0"));
        Assert.False(Exists(node, $"bus/pci/devices/{Pf}/virtfn0"));
        Assert.False(Exists(node, "bus/pci/drivers/iavf/0000:3b:01.0"));
        Assert.False(Exists(node, "class/net/ens1f0v0"));
        Assert.Equal(groupsBefore - 3, Directory.GetDirectories(Path.Join(node.Root.Sys, "kernel/iommu_groups")).Length);
        Assert.Equal("0", Read(node, $"bus/pci/devices/{Pf}/sriov_numvfs"));
        Assert.Empty(node.Rejections);
    }

    [Theory]
    [InlineData("igb", 2, "bus/pci/devices/0000:01:00.0/sriov_numvfs", "3", "EBUSY", "2 VFs exist")]
    [InlineData("igb", 0, "bus/pci/devices/0000:01:00.0/sriov_numvfs", "8", "ERANGE", "more than sriov_totalvfs (7)")]
    [InlineData("igb", 0, "bus/pci/devices/0000:01:00.0/sriov_numvfs", "abc", "EINVAL", "not a VF count")]
    [InlineData("igb", 0, "bus/pci/devices/0000:01:00.0/sriov_numvfs", "70000", "ERANGE", "does not fit in 16 bits")]
    [InlineData("igb", 1, "bus/pci/drivers/igbvf/bind", "0000:01:10.0", "EBUSY", "already bound to igbvf")]
    [InlineData("igb", 0, "bus/pci/drivers/igbvf/bind", "0000:01:00.0", "ENODEV", "igbvf does not match 8086:10c9")]
    [InlineData("igb", 0, "bus/pci/drivers/igb/bind", "0000:09:00.0", "ENODEV", "no such device")]
    [InlineData("igb", 1, "bus/pci/drivers/igb/unbind", "0000:01:10.0", "ENODEV", "not bound to igb (bound to igbvf)")]
    [InlineData("igb", 0, "bus/pci/drivers_probe", "garbage", "ENODEV", "no such device")]
    public async Task Operations_the_kernel_refuses_are_recorded_and_undone(string profile, int vfs, string attribute, string written, string errno, string reason)
    {
        using var node = Start(profile, numVfs: vfs);
        var before = Read(node, "bus/pci/devices/0000:01:00.0/sriov_numvfs");
        Write(node, attribute, written);
        await node.WaitIdleAsync();

        var r = Assert.Single(node.Rejections);
        Assert.Equal(("sys/" + attribute, written, errno), (r.Attribute, r.Written, r.Errno));
        Assert.Contains(reason, r.Reason);
        Assert.Equal(before, Read(node, "bus/pci/devices/0000:01:00.0/sriov_numvfs"));
        Assert.Equal(vfs, Directory.GetFileSystemEntries(Dev(node, "0000:01:00.0"), "virtfn*").Length);
        Assert.Equal(r, Assert.Single(SimNode.ReadRejections(node.Root.Path)) with { Time = r.Time });
    }

    [Fact]
    public async Task Numvfs_on_a_pf_without_driver_is_enoent()
    {
        using var node = Start("igb");
        Write(node, "bus/pci/drivers/igb/unbind", "0000:01:00.0");
        await node.WaitIdleAsync();
        Assert.False(Exists(node, "class/net/eth0"));
        Write(node, "bus/pci/devices/0000:01:00.0/sriov_numvfs", "1");
        await node.WaitIdleAsync();
        Assert.Equal(("ENOENT", "the PF has no driver"), (node.Rejections.Single().Errno, node.Rejections.Single().Reason));
    }

    [Fact]
    public async Task Unbinding_the_pf_driver_removes_its_vfs_and_lifts_the_drivers_limit_on_the_total()
    {
        // As igb in the real-kernel guest: its remove disables SR-IOV, and sriov_totalvfs shows the 82576's 8 until
        // igb binds again and limits it to 7 (docs/simulation.md, differential record, count).
        using var node = Start("igb", numVfs: 2);
        var changes = new List<(string, int)>();
        node.NumVfsChanged += (pf, n) => changes.Add((pf.ToString(), n));
        Write(node, "bus/pci/drivers/igb/unbind", "0000:01:00.0");
        await node.WaitIdleAsync();

        Assert.Equal(("0", "8"), (Read(node, "bus/pci/devices/0000:01:00.0/sriov_numvfs"), Read(node, "bus/pci/devices/0000:01:00.0/sriov_totalvfs")));
        Assert.False(Exists(node, "bus/pci/devices/0000:01:10.0"));
        Assert.False(Exists(node, "class/net/eth1"));
        Assert.Equal([("0000:01:00.0", 0)], changes);

        Write(node, "bus/pci/drivers_probe", "0000:01:00.0");
        await node.WaitIdleAsync();
        Assert.Equal("7", Read(node, "bus/pci/devices/0000:01:00.0/sriov_totalvfs"));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_pf_probed_again_registers_its_interface_down()
    {
        using var node = Start("igb");
        Assert.Equal("up", Read(node, "class/net/eth0/operstate"));
        Write(node, "bus/pci/drivers/igb/unbind", "0000:01:00.0");
        await node.WaitIdleAsync();
        Write(node, "bus/pci/drivers_probe", "0000:01:00.0");
        await node.WaitIdleAsync();

        Assert.Equal("down", Read(node, "class/net/eth0/operstate"));
    }

    [Fact]
    public async Task A_vf_interface_registered_by_a_probe_takes_the_admin_mac_the_node_is_told()
    {
        using var node = Start("igb", numVfs: 1);
        node.VfAdminMac = (pf, vf) => pf.ToString() == "0000:01:00.0" && vf == 0 ? "02:00:00:00:0c:01" : null;
        Write(node, "bus/pci/drivers/igbvf/unbind", "0000:01:10.0");
        await node.WaitIdleAsync();
        Write(node, "bus/pci/drivers_probe", "0000:01:10.0");
        await node.WaitIdleAsync();

        Assert.Equal("02:00:00:00:0c:01", Read(node, "class/net/eth1/address"));
    }

    [Fact]
    public async Task Vfio_without_iommu_fails_its_probe_and_the_device_stays_unbound()
    {
        using var node = Start("igb", numVfs: 1);
        Write(node, "bus/pci/drivers/igbvf/unbind", "0000:01:10.0");
        Write(node, "bus/pci/devices/0000:01:10.0/driver_override", "vfio-pci");
        Write(node, "bus/pci/drivers_probe", "0000:01:10.0");
        await node.WaitIdleAsync();
        var r = Assert.Single(node.Rejections);
        Assert.Null(r.Errno); // drivers_probe itself succeeds; only the probe fails (dmesg: "failed with error -22")
        Assert.Contains("no IOMMU group", r.Reason);
        Assert.False(Exists(node, "bus/pci/devices/0000:01:10.0/driver"));

        Write(node, "bus/pci/drivers/vfio-pci/bind", "0000:01:10.0");
        await node.WaitIdleAsync();
        Assert.Equal("EINVAL", node.Rejections[1].Errno);
    }

    [Fact]
    public async Task Override_and_drivers_probe_move_the_driver_and_the_netdev()
    {
        using var node = Start("intel-e810", numVfs: 1);
        var vf = "0000:3b:01.0";
        Write(node, "bus/pci/drivers/iavf/unbind", vf);
        Write(node, $"bus/pci/devices/{vf}/driver_override", "vfio-pci\n");
        Write(node, "bus/pci/drivers_probe", vf + "\n");
        await node.WaitIdleAsync();
        Assert.Equal("vfio-pci", LinkName(Dev(node, vf), "driver"));
        Assert.Equal("vfio-pci", Read(node, $"bus/pci/devices/{vf}/driver_override"));
        Assert.False(Directory.Exists(Path.Join(Dev(node, vf), "net")));
        Assert.True(File.Exists(node.Root.Resolve($"dev/vfio/{LinkName(Dev(node, vf), "iommu_group")}")));

        Write(node, $"bus/pci/devices/{vf}/driver_override", "\n");
        Write(node, "bus/pci/drivers/vfio-pci/unbind", vf);
        Write(node, "bus/pci/drivers_probe", vf);
        await node.WaitIdleAsync();
        Assert.Equal("(null)", Read(node, $"bus/pci/devices/{vf}/driver_override"));
        Assert.Equal("iavf", LinkName(Dev(node, vf), "driver"));
        Assert.True(Exists(node, $"bus/pci/devices/{vf}/net/ens1f0v0"));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Unknown_override_leaves_the_device_unbound_without_error()
    {
        using var node = Start("igb", numVfs: 1);
        Write(node, "bus/pci/drivers/igbvf/unbind", "0000:01:10.0");
        Write(node, "bus/pci/devices/0000:01:10.0/driver_override", "no-such-driver");
        Write(node, "bus/pci/drivers_probe", "0000:01:10.0");
        await node.WaitIdleAsync();
        Assert.False(Exists(node, "bus/pci/devices/0000:01:10.0/driver"));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_created_tree_can_be_run_by_another_emulator()
    {
        var root = Directory.CreateTempSubdirectory("sriov-sim-adopt-").FullName;
        try
        {
            Directory.Delete(root);
            var d = NodeProfiles.Get("mlx-cx6");
            d.Ports[1].NumVfs = 2;
            SimNode.Create(d, new SimNodeOptions { Root = root, StartEmulator = false, Keep = true }).Dispose();

            using var node = SimNode.Open(root);
            Write(node, "bus/pci/devices/0000:af:00.1/sriov_numvfs", "0");
            Write(node, "bus/pci/devices/0000:af:00.0/sriov_numvfs", "3");
            await node.WaitIdleAsync();
            Assert.False(Exists(node, "bus/pci/devices/0000:af:01.2"));
            Assert.True(Exists(node, "bus/pci/devices/0000:af:00.4/net/ens3f0v2"));

            // RDMA and IOMMU group numbers freed by the removed VFs are reused, as the kernel's ida allocators do.
            Assert.Equal(["mlx5_0", "mlx5_1", "mlx5_2", "mlx5_3", "mlx5_4"], Directory.GetFileSystemEntries(Path.Join(node.Root.Sys, "class/infiniband")).Select(Path.GetFileName).Order());
            Assert.Empty(node.Rejections);
        }
        finally
        {
            SimNode.Destroy(root);
        }

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Creating_into_a_used_root_is_refused()
    {
        using var node = SimNode.Create("accel", new SimNodeOptions { StartEmulator = false });
        var e = Assert.Throws<InvalidOperationException>(() => SimNode.Create("accel", new SimNodeOptions { Root = node.Root.Path }));
        Assert.Contains("is not empty", e.Message);
    }

    [Fact]
    public void Invalid_description_is_refused_before_anything_is_created()
    {
        var d = NodeProfiles.Get("accel");
        d.Ports[0].NumVfs = 99;
        var e = Assert.Throws<NodeDescriptionException>(() => SimNode.Create(d));
        Assert.Contains("ports[0].numVfs: 99", e.Message);
    }

    internal static SimNode Start(string profile, int numVfs = 0, TimeProvider? time = null, TimeSpan? delay = null)
    {
        var d = NodeProfiles.Get(profile);
        d.Ports[0].NumVfs = numVfs;
        return SimNode.Create(d, new SimNodeOptions { Time = time ?? TimeProvider.System, NetdevDelay = delay ?? TimeSpan.FromMilliseconds(10) });
    }

    internal static void Write(SimNode node, string attribute, string content) => File.WriteAllText(Path.Join(node.Root.Sys, attribute), content);

    private static string Read(SimNode node, string attribute) => File.ReadAllText(Path.Join(node.Root.Sys, attribute)).TrimEnd('\n');

    private static bool Exists(SimNode node, string path) => Path.Exists(Path.Join(node.Root.Sys, path));

    private static string Dev(SimNode node, string address) => Path.Join(node.Root.Sys, "bus/pci/devices", address);

    private static string? LinkName(string dir, string link) => new FileInfo(Path.Join(dir, link)).LinkTarget is { } t ? Path.GetFileName(t) : null;

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
