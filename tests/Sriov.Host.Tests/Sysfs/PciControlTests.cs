using Microsoft.Extensions.Time.Testing;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>Every write path against the kernel emulator; each test ends asserting the emulator rejected nothing.</summary>
public class PciControlTests
{
    private static readonly PciAddress E810Pf = PciAddress.Parse("0000:3b:00.0");
    private static readonly PciAddress E810Vf0 = PciAddress.Parse("0000:3b:01.0");
    private static readonly PciControlTimeouts Short = new() { VfsAppear = TimeSpan.FromSeconds(20), Netdev = TimeSpan.FromSeconds(20), Bind = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Sets_vf_count_from_zero_with_one_write_and_waits_for_the_vfs()
    {
        using var node = SimNodes.Running("intel-e810");
        var writer = new RecordingWriter();
        var control = new PciControl(node.Root, TimeProvider.System, writer, Short);

        Assert.True(await control.SetNumVfsAsync(E810Pf, 4));

        Assert.Equal([("0000:3b:00.0/sriov_numvfs", "4")], writer.Writes);
        var pf = new PciDiscovery(node.Root).Discover(E810Pf)!;
        Assert.Equal(4, pf.NumVfs);
        Assert.Equal(4, pf.Vfs.Count);
        Assert.Equal("ens1f0v3", await control.WaitForNetdevAsync(pf.Vfs[3].Address));
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Same_count_writes_nothing_and_a_new_count_goes_through_zero()
    {
        using var node = SimNodes.Running("intel-e810", d => d.Ports[0].NumVfs = 4);
        var writer = new RecordingWriter();
        var control = new PciControl(node.Root, TimeProvider.System, writer, Short);

        Assert.False(await control.SetNumVfsAsync(E810Pf, 4));
        Assert.Empty(writer.Writes);

        Assert.True(await control.SetNumVfsAsync(E810Pf, 2));
        Assert.Equal([("0000:3b:00.0/sriov_numvfs", "0"), ("0000:3b:00.0/sriov_numvfs", "2")], writer.Writes);
        Assert.Equal(2, new PciDiscovery(node.Root).DiscoverVfs(E810Pf)!.Count);

        Assert.True(await control.SetNumVfsAsync(E810Pf, 0));
        Assert.Empty(new PciDiscovery(node.Root).DiscoverVfs(E810Pf)!);
        Assert.False(Directory.Exists(Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:01.0")));
        await AssertNothingRejected(node);
    }

    [Theory]
    [InlineData("0000:3b:00.0", 129, "sriov_totalvfs is 128")]
    [InlineData("0000:3a:00.0", 1, "not SR-IOV capable")]
    [InlineData("0000:99:00.0", 1, "not on this host")]
    public async Task Refuses_impossible_counts_before_writing(string address, int count, string message)
    {
        using var node = SimNodes.Running("intel-e810");
        var writer = new RecordingWriter();
        var e = await Assert.ThrowsAsync<SysfsRequestException>(
            () => new PciControl(node.Root, TimeProvider.System, writer, Short).SetNumVfsAsync(PciAddress.Parse(address), count));
        Assert.Contains(message, e.Message);
        Assert.Empty(writer.Writes);
    }

    [Fact]
    public async Task Refuses_vfs_on_a_pf_without_driver()
    {
        using var node = SimNodes.Running("intel-e810");
        var control = new PciControl(node.Root, TimeProvider.System, timeouts: Short);
        Assert.True(await control.UnbindAsync(E810Pf));
        var e = await Assert.ThrowsAsync<SysfsRequestException>(() => control.SetNumVfsAsync(E810Pf, 2));
        Assert.Contains("no driver bound", e.Message);
        Assert.False(await control.UnbindAsync(E810Pf));
        Assert.True(await control.BindDefaultDriverAsync(E810Pf));
        Assert.Equal("ice", new PciDiscovery(node.Root).Discover(E810Pf)!.Driver);
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Binds_a_vf_to_vfio_and_back_restoring_the_override()
    {
        using var node = SimNodes.Running("intel-e810", d => d.Ports[0].NumVfs = 2);
        var writer = new RecordingWriter();
        var control = new PciControl(node.Root, TimeProvider.System, writer, Short);
        var discovery = new PciDiscovery(node.Root);
        await control.WaitForNetdevAsync(E810Vf0);

        Assert.True(await control.BindDriverAsync(E810Vf0, "vfio-pci"));
        Assert.Equal(
            [("iavf/unbind", "0000:3b:01.0"), ("0000:3b:01.0/driver_override", "vfio-pci"), ("vfio-pci/bind", "0000:3b:01.0"), ("0000:3b:01.0/driver_override", "\n")],
            writer.Writes);
        var vf = discovery.Discover(E810Vf0)!;
        Assert.Equal(("vfio-pci", null), (vf.Driver, vf.DriverOverride));
        Assert.Empty(vf.Netdevs);
        Assert.True(File.Exists(node.Root.Resolve($"dev/vfio/{vf.IommuGroup}")));
        var e = await Assert.ThrowsAsync<SysfsRequestException>(() => control.WaitForNetdevAsync(E810Vf0));
        Assert.Contains("bound to vfio-pci", e.Message);

        Assert.False(await control.BindDriverAsync(E810Vf0, "vfio-pci"));
        Assert.Equal(4, writer.Writes.Count);

        Assert.True(await control.BindDefaultDriverAsync(E810Vf0));
        Assert.Equal("iavf", discovery.Discover(E810Vf0)!.Driver);
        Assert.Equal("ens1f0v0", await control.WaitForNetdevAsync(E810Vf0));
        Assert.False(await control.BindDefaultDriverAsync(E810Vf0));
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Vfio_without_iommu_is_refused_before_anything_changes()
    {
        using var node = SimNodes.Running("igb", d => d.Ports[0].NumVfs = 1);
        var writer = new RecordingWriter();
        var vf = PciAddress.Parse("0000:01:10.0");
        var e = await Assert.ThrowsAsync<SysfsRequestException>(
            () => new PciControl(node.Root, TimeProvider.System, writer, Short).BindDriverAsync(vf, "vfio-pci"));
        Assert.Contains("intel_iommu=on", e.Message);
        Assert.Empty(writer.Writes);
        Assert.Equal("igbvf", new PciDiscovery(node.Root).Discover(vf)!.Driver);
    }

    [Fact]
    public async Task Vfio_in_noiommu_mode_gets_a_noiommu_group()
    {
        using var node = SimNodes.Running("igb", d => { d.Ports[0].NumVfs = 1; d.Iommu = "noiommu"; });
        var vf = PciAddress.Parse("0000:01:10.0");
        var control = new PciControl(node.Root, TimeProvider.System, timeouts: Short);
        Assert.Null(new PciDiscovery(node.Root).Discover(vf)!.IommuGroup);

        await control.BindDriverAsync(vf, "vfio-pci");
        var group = new PciDiscovery(node.Root).Discover(vf)!.IommuGroup;
        Assert.NotNull(group);
        Assert.Equal("vfio-noiommu", File.ReadAllText(node.Root.Resolve($"sys/kernel/iommu_groups/{group}/name")).Trim());
        Assert.True(File.Exists(node.Root.Resolve($"dev/vfio/noiommu-{group}")));

        await control.BindDefaultDriverAsync(vf);
        Assert.Null(new PciDiscovery(node.Root).Discover(vf)!.IommuGroup);
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Unloaded_driver_is_refused()
    {
        using var node = SimNodes.Running("accel", d => d.Ports[0].NumVfs = 1);
        var e = await Assert.ThrowsAsync<SysfsRequestException>(
            () => new PciControl(node.Root, TimeProvider.System, timeouts: Short).BindDriverAsync(PciAddress.Parse("0000:17:01.0"), "uio_pci_generic"));
        Assert.Contains("modprobe uio_pci_generic", e.Message);
    }

    [Fact]
    public async Task Accelerator_vf_without_kernel_driver_binds_to_vfio_and_unbinds()
    {
        using var node = SimNodes.Running("accel", d => d.Ports[0].NumVfs = 2);
        var vf = PciAddress.Parse("0000:17:01.1");
        var control = new PciControl(node.Root, TimeProvider.System, timeouts: Short);
        Assert.Null(new PciDiscovery(node.Root).Discover(vf)!.Driver);
        Assert.True(await control.BindDriverAsync(vf, "vfio-pci"));
        Assert.True(await control.UnbindAsync(vf));
        Assert.Null(new PciDiscovery(node.Root).Discover(vf)!.Driver);
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Kernel_errno_becomes_advice_and_the_old_count_is_restored()
    {
        using var node = SimNodes.Running("intel-e810", d => d.Ports[0].NumVfs = 3);
        var writer = new RecordingWriter(errno: (path, content) => path.EndsWith("sriov_numvfs", StringComparison.Ordinal) && content == "5" ? Errno.ENOMEM : 0);
        var e = await Assert.ThrowsAsync<SysfsWriteException>(
            () => new PciControl(node.Root, TimeProvider.System, writer, Short).SetNumVfsAsync(E810Pf, 5));

        Assert.Equal(Errno.ENOMEM, e.Errno);
        Assert.Contains("PF 0000:3b:00.0 [ens1f0]: writing '5' to sriov_numvfs failed with Cannot allocate memory (ENOMEM)", e.Message);
        Assert.Contains("rolled back: the PF has its previous 3 VFs again", e.Message);
        Assert.Equal(["0", "5", "3"], writer.Writes.Select(w => w.Content));
        Assert.Equal(3, new PciDiscovery(node.Root).Discover(E810Pf)!.NumVfs);
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Failed_bind_rebinds_the_previous_driver()
    {
        using var node = SimNodes.Running("intel-e810", d => d.Ports[0].NumVfs = 1);
        var writer = new RecordingWriter(errno: (path, _) => path.EndsWith("vfio-pci/bind", StringComparison.Ordinal) ? Errno.EINVAL : 0);
        var e = await Assert.ThrowsAsync<SysfsWriteException>(
            () => new PciControl(node.Root, TimeProvider.System, writer, Short).BindDriverAsync(E810Vf0, "vfio-pci"));

        Assert.Contains("EINVAL", e.Message);
        Assert.Contains("enable the IOMMU", e.Message);
        Assert.Contains("rolled back: the function is on iavf again", e.Message);
        var vf = new PciDiscovery(node.Root).Discover(E810Vf0)!;
        Assert.Equal(("iavf", null), (vf.Driver, vf.DriverOverride));
        await AssertNothingRejected(node);
    }

    [Fact]
    public async Task Vfs_that_never_appear_time_out_naming_what_is_missing()
    {
        // No emulator: the write lands in a plain file and nothing reacts, like a driver that never finishes.
        using var node = SimNode.Create("intel-e810", new SimNodeOptions { StartEmulator = false });
        var time = new FakeTimeProvider();
        var task = new PciControl(node.Root, time).SetNumVfsAsync(E810Pf, 2);
        var e = await Assert.ThrowsAsync<SysfsTimeoutException>(() => Advance(time, task, TimeSpan.FromSeconds(121)));
        Assert.Contains("wrote 2 to sriov_numvfs but not all VFs appeared within 120 s (virtfn0 is missing)", e.Message);
    }

    [Fact]
    public async Task Netdev_that_never_appears_times_out_after_10_s()
    {
        using var node = SimNode.Create("intel-e810", new SimNodeOptions { StartEmulator = false });
        var pf = new PciDiscovery(node.Root).Discover(E810Pf)!;
        Directory.Delete(Path.Join(pf.SysPath, "net", "ens1f0"), recursive: true);
        var time = new FakeTimeProvider();
        var task = new PciControl(node.Root, time).WaitForNetdevAsync(E810Pf);
        var e = await Assert.ThrowsAsync<SysfsTimeoutException>(() => Advance(time, task, TimeSpan.FromSeconds(11)));
        Assert.Contains("(driver ice): no interface appeared under net/ within 10 s", e.Message);
    }

    [Fact]
    public async Task A_write_stuck_in_the_driver_is_abandoned_after_its_bound()
    {
        using var node = SimNode.Create("intel-e810", new SimNodeOptions { StartEmulator = false });
        using var release = new ManualResetEventSlim();
        var stuck = new RecordingWriter(errno: (_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        });
        var time = new FakeTimeProvider();
        var task = new PciControl(node.Root, time, stuck).SetNumVfsAsync(E810Pf, 2);
        var e = await Assert.ThrowsAsync<SysfsTimeoutException>(() => Advance(time, task, TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1)));
        release.Set();
        Assert.Contains("writing '2' to sriov_numvfs did not return within 120 s", e.Message);
    }

    /// <summary>Moves fake time forward in steps until the task ends (the waits poll with growing intervals).</summary>
    private static async Task Advance(FakeTimeProvider time, Task task, TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(250);
        for (var t = TimeSpan.Zero; t <= total + step && !task.IsCompleted; t += step)
        {
            await Task.Delay(2);
            time.Advance(step);
        }

        await task;
    }

    private static async Task AssertNothingRejected(SimNode node)
    {
        await node.WaitIdleAsync();
        Assert.Empty(node.Rejections);
        Assert.Empty(node.Faults);
    }
}
