using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Records;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Apply;

/// <summary><c>apply</c> against the kernel emulator and the driver emulator: no rejected operation, converged, idempotent.</summary>
public sealed class ApplyTests
{
    private static readonly SriovNetworkNodeStateSpec Partitioned = Spec(Iface(
        numVfs: 8, mtu: 9000, groups: [Group("0-3", "vfio-pci", resource: "dpdk"), Group("4-7", mtu: 9000)]));

    [Fact]
    public async Task Apply_creates_vfs_binds_groups_and_sets_mtu_and_macs_without_a_rejected_operation()
    {
        using var node = Nodes.Running("intel-e810");
        var sim = new SimHost(node);

        var (code, _, err) = await Daemon.ApplyAsync(sim, Partitioned);
        await node.WaitIdleAsync();

        Assert.True(code == 0, err);
        Assert.Empty(node.Rejections);
        Assert.Empty(node.Faults);
        var vfs = new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!;
        Assert.Equal(8, vfs.Count);
        Assert.All(vfs.Take(4), v => Assert.Equal("vfio-pci", v.Driver));
        Assert.All(vfs.Skip(4), v => Assert.Equal(("iavf", 9000), (v.Driver, v.Netdevs.Single().Mtu)));
        Assert.All(vfs, v => Assert.Null(v.DriverOverride));
        Assert.Equal("9000", File.ReadAllText(Path.Join(node.Root.Sys, "class/net/ens1f0/mtu")).Trim());
        var admin = sim.Vfs.GetVfs("ens1f0");
        Assert.All(vfs, v => Assert.False(admin[v.VfIndex!.Value].Mac.IsZero));
        Assert.Equal(vfs.Skip(4).Select(v => v.Netdevs[0].Mac), admin.Skip(4).Select(a => a.Mac.ToString()));
        Assert.Empty(ReconfiguringMarker.List(node.Root));
        Assert.Equal(8, PfRecordStore.ReadAll(node.Root.OperatorState)[Pf0].Applied.NumVfs);
        Assert.Equal(0, new PciDiscovery(node.Root).Discover(PciAddress.Parse(Pf1))!.NumVfs);
    }

    [Fact]
    public async Task Re_applying_an_applied_state_plans_nothing_and_writes_nothing()
    {
        using var node = Nodes.Running("intel-e810");
        var sim = new SimHost(node);
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Partitioned)).Code);
        await node.WaitIdleAsync();
        sim.Writer.Clear();
        sim.Links.Clear();
        var setsBefore = sim.Vfs.Emulator.Log.Count;

        using var plan = await Daemon.PlanAsync(sim, Partitioned);
        var (code, stdout, _) = await Daemon.ApplyAsync(sim, Partitioned);

        Assert.Equal(0, plan.RootElement.GetProperty("actions").GetArrayLength());
        Assert.False(plan.RootElement.GetProperty("drain").GetBoolean());
        Assert.Equal((0, ""), (code, stdout));
        Assert.Empty(sim.Writer.Writes);
        Assert.Empty(sim.Links.Calls);
        Assert.Equal(setsBefore, sim.Vfs.Emulator.Log.Count);
    }

    [Fact]
    public async Task Partition_change_and_back_rebinds_only_the_vfs_that_move()
    {
        using var node = Nodes.Running("intel-x710");
        var sim = new SimHost(node);
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Spec(Iface("0000:5e:00.0", numVfs: 4)))).Code);
        sim.Writer.Clear();

        var split = Spec(Iface("0000:5e:00.0", numVfs: 4, groups: [Group("0-0", "vfio-pci", resource: "dpdk"), Group("1-3")]));
        using var plan = await Daemon.PlanAsync(sim, split);
        Assert.True(plan.RootElement.GetProperty("drain").GetBoolean());
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, split)).Code);
        await node.WaitIdleAsync();

        Assert.DoesNotContain(sim.Writer.Writes, w => w.Path.EndsWith("sriov_numvfs", StringComparison.Ordinal));
        Assert.All(sim.Writer.Writes, w => Assert.Contains("0000:5e:02.0", w.Path + w.Content)); // VF #0 only
        var vfs = new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse("0000:5e:00.0"))!;
        Assert.Equal(["vfio-pci", "iavf", "iavf", "iavf"], vfs.Select(v => v.Driver));

        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Spec(Iface("0000:5e:00.0", numVfs: 4)))).Code);
        await node.WaitIdleAsync();
        Assert.All(new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse("0000:5e:00.0"))!, v => Assert.Equal("iavf", v.Driver));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Removing_the_pf_from_the_spec_resets_what_we_configured_and_leaves_a_foreign_pf_alone()
    {
        using var node = Nodes.Running("intel-e810", d => d.Ports[1].NumVfs = 3); // port 1: VFs someone else made
        var sim = new SimHost(node);
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Spec(Iface(numVfs: 4, mtu: 9000)))).Code);

        var (code, _, err) = await Daemon.ApplyAsync(sim, Spec());
        await node.WaitIdleAsync();

        Assert.True(code == 0, err);
        var discovery = new PciDiscovery(node.Root);
        Assert.Equal(0, discovery.Discover(PciAddress.Parse(Pf0))!.NumVfs);
        Assert.Equal("1500", File.ReadAllText(Path.Join(node.Root.Sys, "class/net/ens1f0/mtu")).Trim());
        Assert.Empty(PfRecordStore.ReadAll(node.Root.OperatorState));
        Assert.Equal(3, discovery.Discover(PciAddress.Parse(Pf1))!.NumVfs);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_pf_configured_by_the_upstream_daemon_stays_ours_after_an_upgrade()
    {
        using var node = Nodes.Running("mlx-cx6", d => d.Ports[0].NumVfs = 4);
        var sim = new SimHost(node);
        Directory.CreateDirectory(Path.Join(node.Root.OperatorState, "pci"));
        File.WriteAllText(Path.Join(node.Root.OperatorState, "pci", "0000:af:00.0"),
            """{"pciAddress":"0000:af:00.0","numVfs":4,"name":"ens3f0np0","vfGroups":[{"resourceName":"cx6","deviceType":"netdevice","vfRange":"0-3","policyName":"p"}]}""");

        var (code, _, err) = await Daemon.ApplyAsync(sim, Spec());
        await node.WaitIdleAsync();

        Assert.True(code == 0, err);
        Assert.Equal(0, new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:af:00.0"))!.NumVfs);
        Assert.False(File.Exists(Path.Join(node.Root.OperatorState, "pci", "0000:af:00.0")));
    }

    [Fact]
    public async Task Infiniband_vfs_get_guids_and_are_reprobed()
    {
        using var node = Nodes.Running("mlx-cx6-ib");
        var sim = new SimHost(node);

        var (code, _, err) = await Daemon.ApplyAsync(sim, Spec(Iface("0000:d8:00.0", numVfs: 2)));
        await node.WaitIdleAsync();

        Assert.True(code == 0, err);
        Assert.All(sim.Vfs.GetVfs("ibs4f0"), v => Assert.Equal(v.NodeGuid, v.PortGuid));
        Assert.All(sim.Vfs.GetVfs("ibs4f0"), v => Assert.NotEqual(0UL, v.NodeGuid ?? 0));
        Assert.All(sim.Vfs.GetVfs("ibs4f0"), v => Assert.True(v.Mac.IsZero)); // IPoIB: no admin MAC
        Assert.Contains(sim.Writer.Writes, w => w.Path.EndsWith("drivers/mlx5_core/unbind", StringComparison.Ordinal));
        Assert.Empty(node.Rejections);
        using var again = await Daemon.PlanAsync(sim, Spec(Iface("0000:d8:00.0", numVfs: 2)));
        Assert.Equal(0, again.RootElement.GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task A_failed_write_stops_at_its_step_names_it_and_the_next_run_converges()
    {
        using var node = Nodes.Running("intel-e810");
        var fail = true;
        var sim = new SimHost(node, (path, content) =>
            fail && path.EndsWith("drivers/vfio-pci/bind", StringComparison.Ordinal) && content == "0000:3b:01.1" ? Errno.EBUSY : 0);
        var spec = Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci")));

        var (code, _, err) = await Daemon.ApplyAsync(sim, spec);

        Assert.Equal(1, code);
        Assert.Matches(@"step 6/8 bindDriver VF 0000:3b:01\.1 \(#1 of PF 0000:3b:00\.0 \(ens1f0\)\) → vfio-pci failed: VF 0000:3b:01\.1 .*writing '0000:3b:01\.1' to .*vfio-pci/bind failed with .*\(EBUSY\).*rolled back: the function is on iavf again", err);
        Assert.Equal([Pf0], ReconfiguringMarker.List(node.Root)); // fenced until a run completes it
        Assert.False(File.Exists(Path.Join(node.Root.OperatorState, "pci", Pf0)));

        fail = false;
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, spec)).Code);
        await node.WaitIdleAsync();
        Assert.Empty(ReconfiguringMarker.List(node.Root));
        Assert.All(new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!, v => Assert.Equal("vfio-pci", v.Driver));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Host_problem_changes_nothing()
    {
        using var node = Nodes.Running("igb"); // IOMMU off
        var sim = new SimHost(node);

        var (code, _, err) = await Daemon.ApplyAsync(sim, Spec(Iface("0000:01:00.0", numVfs: 2, groups: Group("0-1", "vfio-pci"))));

        Assert.Equal(1, code);
        Assert.Contains("nothing was changed", err);
        Assert.Contains("driver vfio-pci needs an IOMMU group and 0000:01:00.0 has none", err);
        Assert.Empty(sim.Writer.Writes);
        Assert.Empty(ReconfiguringMarker.List(node.Root));
    }
}
