using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Apply;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Planning;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Namespaces;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Apply;

/// <summary>"Who owns a VF" (ARCHITECTURE.md): a VF allocated to a live pod netns is never rebound or removed.</summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class OwnershipTests
{
    [Fact]
    public async Task A_vf_allocated_to_a_live_netns_is_not_rebound_until_its_pod_is_gone()
    {
        using var node = Nodes.Running("intel-e810");
        var sim = new SimHost(node);
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Spec(Iface(numVfs: 2)))).Code);
        using var pod = new PodNetns();
        Allocate(node, "0000:3b:01.1", pod);
        sim.Writer.Clear();
        var dpdk = Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci")));

        using var plan = await Daemon.PlanAsync(sim, dpdk);
        var (code, _, err) = await Daemon.ApplyAsync(sim, dpdk);

        Assert.True(plan.RootElement.GetProperty("drain").GetBoolean());
        Assert.Contains($"VF 0000:3b:01.1 (#1 of PF 0000:3b:00.0 (ens1f0)) is allocated to container c1 interface net1 (netns {pod.Path}) and it must be rebound to vfio-pci; drain the node", plan.RootElement.GetProperty("errors")[0].GetString());
        Assert.Equal(1, code);
        Assert.Contains("nothing was changed", err);
        Assert.Empty(sim.Writer.Writes);

        pod.Delete(); // the pod is gone (its CNI DEL never ran): the record is stale and the VF free
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, dpdk)).Code);
        await node.WaitIdleAsync();
        Assert.All(new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!, v => Assert.Equal("vfio-pci", v.Driver));
    }

    [Fact]
    public async Task A_vf_allocated_after_the_plan_was_made_is_caught_under_its_lock()
    {
        using var node = Nodes.Running("intel-e810");
        var sim = new SimHost(node);
        Assert.Equal(0, (await Daemon.ApplyAsync(sim, Spec(Iface(numVfs: 2)))).Code);
        var spec = Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci")));
        var plan = NodePlanner.Plan(spec, NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: false, ["vfio-pci"]));
        Assert.Empty(plan.Problems);
        using var pod = new PodNetns();
        Allocate(node, "0000:3b:01.0", pod); // a CNI ADD completed between planning and applying

        var e = await Assert.ThrowsAsync<ApplyException>(() => new PlanExecutor(sim.Host, NullLogger.Instance).ExecuteAsync(plan));

        Assert.IsType<VfConflictException>(e.InnerException);
        Assert.Contains($"VF 0000:3b:01.0 of PF 0000:3b:00.0 was allocated to container c1 interface net1 (netns {pod.Path}) after the plan was made", e.Message);
        Assert.Equal("iavf", new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:3b:01.0"))!.Driver);
        Assert.True(ReconfiguringMarker.IsSet(node.Root, Pf0));
    }

    private static void Allocate(Sriov.Sim.Node.SimNode node, string vf, PodNetns pod)
    {
        using var ns = NetNs.Open(pod.Path);
        AllocationRecords.Write(node.Root, new AllocationRecord(vf, pod.Path, "c1", "net1", ns.Inode));
    }
}
