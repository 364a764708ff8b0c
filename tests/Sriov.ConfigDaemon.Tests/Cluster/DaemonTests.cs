using System.Net;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.OperatorConfigs;
using Sriov.ConfigDaemon.Drain;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;
using Sriov.Kube.Client;
using Sriov.Kube.Updates;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>The running daemon against the API emulator (which also plays the operator) and a simulated node.</summary>
public sealed class DaemonTests
{
    [Fact]
    public async Task Reports_the_nics_and_succeeds_on_an_empty_spec()
    {
        using var node = Nodes.Running("mixed");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node));
        h.StartDaemon();

        var state = await h.WaitForStatusAsync(SyncStatuses.Succeeded);

        Assert.Equal(8, state.Status!.Interfaces!.Count);
        Assert.Equal("", state.Status.LastSyncError);
        var e = Assert.Single(await h.EventsAsync(x => x.Reason == "SyncStatusChanged", "SyncStatusChanged"), x => x.Reason == "SyncStatusChanged");
        Assert.Equal(("Normal", "Status changed from: (none) to: Succeeded", "sriov-network-config-daemon"), (e.Type, e.Message, e.Source.Component));
    }

    [Fact]
    public async Task Creating_vfs_needs_no_drain_and_the_status_follows()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node));
        h.StartDaemon();
        await h.WaitForStatusAsync(SyncStatuses.Succeeded);

        await h.SetSpecAsync(Spec(Iface(numVfs: 4, groups: [Group("0-1", "vfio-pci"), Group("2-3")])));
        var state = await h.WaitForAsync(s => s.Status?.SyncStatus == SyncStatuses.Succeeded && s.Status.Interfaces![0].NumVfs == 4, "4 VFs reported");

        Assert.Equal(["vfio-pci", "vfio-pci", "iavf", "iavf"], state.Status!.Interfaces![0].Vfs!.Select(v => v.Driver));
        Assert.Null(ClusterHarness.Annotation(state, SriovAnnotations.DesiredState));
        var messages = (await h.EventsAsync(x => x.Message == "Status changed from: InProgress to: Succeeded", "back to Succeeded"))
            .Where(x => x.Reason == "SyncStatusChanged").Select(x => x.Message).ToList();
        Assert.Contains("Status changed from: Succeeded to: InProgress", messages);
        Assert.Contains("Status changed from: InProgress to: Succeeded", messages);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_disruptive_change_waits_for_the_drain_then_applies_and_releases_it()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), Spec(Iface(numVfs: 2)));
        await using var drain = new FakeDrainController(h);
        h.StartDaemon();
        await h.WaitForAsync(s => s.Status?.SyncStatus == SyncStatuses.Succeeded && s.Status.Interfaces![0].NumVfs == 2, "2 VFs");

        await h.SetSpecAsync(Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci"))));
        await h.WaitForAsync(s => ClusterHarness.Annotation(s, SriovAnnotations.CurrentState) == DrainStates.Draining, "draining");
        var node0 = await h.Nodes.GetAsync(ObjectKey.Cluster(ClusterHarness.NodeName));
        Assert.Equal(DrainStates.DrainRequired, node0!.Metadata.Annotations[SriovAnnotations.NodeState]);
        var waiting = await h.WaitForStatusAsync(SyncStatuses.InProgress);
        Assert.Equal(DrainStates.DrainRequired, waiting.Metadata.Annotations[SriovAnnotations.DesiredState]);
        await Task.Delay(500); // several resync periods: nothing may change before the drain completes
        Assert.All(new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!, v => Assert.Equal("iavf", v.Driver));

        drain.AllowCompletion.SetResult();
        var done = await h.WaitForAsync(
            s => s.Status?.SyncStatus == SyncStatuses.Succeeded && ClusterHarness.Annotation(s, SriovAnnotations.CurrentState) == DrainStates.Idle,
            "configured and uncordoned");

        Assert.All(new PciDiscovery(node.Root).DiscoverVfs(PciAddress.Parse(Pf0))!, v => Assert.Equal("vfio-pci", v.Driver));
        Assert.Equal(DrainStates.Idle, done.Metadata.Annotations[SriovAnnotations.DesiredState]);
        Assert.Equal(DrainStates.Idle, (await h.Nodes.GetAsync(ObjectKey.Cluster(ClusterHarness.NodeName)))!.Metadata.Annotations[SriovAnnotations.NodeState]);
        Assert.Equal([DrainStates.Draining, DrainStates.DrainComplete, DrainStates.Idle], drain.Written);
        await h.EventsAsync(e => e.Reason == "DrainRequested" && e.Message.Contains("bindDriver VF 0000:3b:01.0", StringComparison.Ordinal), "DrainRequested");
    }

    [Fact]
    public async Task DisableDrain_applies_a_disruptive_change_without_asking()
    {
        using var node = Nodes.Running("intel-e810", d => d.Ports[0].NumVfs = 2);
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), Spec(Iface(numVfs: 2, groups: Group("0-1", "vfio-pci"))),
            new SriovOperatorConfigSpec { DisableDrain = true });
        h.StartDaemon();

        var state = await h.WaitForAsync(s => s.Status?.SyncStatus == SyncStatuses.Succeeded && s.Status.Interfaces![0].Vfs!.All(v => v.Driver == "vfio-pci"), "rebound");

        Assert.Null(ClusterHarness.Annotation(state, SriovAnnotations.DesiredState));
    }

    [Fact]
    public async Task A_failed_write_is_Failed_with_the_step_then_retried_to_Succeeded()
    {
        using var node = Nodes.Running("intel-e810");
        var fail = true;
        var sim = new SimHost(node, (path, _) => fail && path.EndsWith("/sriov_numvfs", StringComparison.Ordinal) ? Errno.ENOMEM : 0);
        await using var h = await ClusterHarness.StartAsync(sim, Spec(Iface(numVfs: 4)));
        h.StartDaemon();

        var failed = await h.WaitForStatusAsync(SyncStatuses.Failed);
        Assert.Matches(@"^step 2/\d+ setNumVfs PF 0000:3b:00\.0 \(ens1f0\) 0 → 4 failed: PF 0000:3b:00\.0 \[ens1f0\]: writing '4' to sriov_numvfs failed with Cannot allocate memory \(ENOMEM\)", failed.Status!.LastSyncError);
        var warning = (await h.EventsAsync(e => e.Type == "Warning", "a Warning")).First(e => e.Type == "Warning");
        Assert.StartsWith("Status changed from: InProgress to: Failed. Last Error: step 2/", warning.Message);

        fail = false;
        var ok = await h.WaitForStatusAsync(SyncStatuses.Succeeded);
        Assert.Equal(("", 4), (ok.Status!.LastSyncError, ok.Status.Interfaces![0].NumVfs));
    }

    [Fact]
    public async Task A_node_that_does_not_converge_is_Failed_not_InProgress_forever()
    {
        using var node = Nodes.WithVfs("intel-e810", 2);
        await using var h = await ClusterHarness.StartAsync(new SimHost(node, wrapVfs: v => new MacIgnoringDriver(v)), Spec(Iface(numVfs: 2)));
        h.StartDaemon();

        var failed = await h.WaitForStatusAsync(SyncStatuses.Failed);

        Assert.StartsWith("the node did not converge after 3 passes; still to do: setVfAdminMac VF 0000:3b:01.0 (#0 of PF 0000:3b:00.0 (ens1f0)) 00:00:00:00:00:00 → ", failed.Status!.LastSyncError);
    }

    [Fact]
    public async Task A_host_problem_is_Failed_with_what_to_do_and_nothing_changes()
    {
        using var node = Nodes.Running("igb");
        var sim = new SimHost(node);
        await using var h = await ClusterHarness.StartAsync(sim, Spec(Iface("0000:01:00.0", numVfs: 2, groups: Group("0-1", "vfio-pci"))));
        h.StartDaemon();

        var failed = await h.WaitForStatusAsync(SyncStatuses.Failed);

        Assert.Contains("driver vfio-pci needs an IOMMU group and 0000:01:00.0 has none (iommu_group missing); enable the IOMMU", failed.Status!.LastSyncError);
        Assert.Empty(sim.Writer.Writes);
    }

    [Fact]
    public async Task The_supported_nic_ids_configmap_decides_what_is_reported()
    {
        using var node = Nodes.Running("intel-e810", d => d.Ports[1].Device = "1234");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node));
        h.StartDaemon();
        await h.WaitForAsync(s => s.Status?.Interfaces?.Count == 1, "one supported PF");

        await new ResourceClient<V1ConfigMap>(h.Admin).CreateAsync(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "supported-nic-ids", NamespaceProperty = ClusterHarness.Ns },
            Data = new Dictionary<string, string> { ["Intel_ice"] = "8086 1592 1889", ["Custom"] = "8086 1234 1889" },
        });

        await h.WaitForAsync(s => s.Status?.Interfaces?.Count == 2, "both PFs");
    }

    [Fact]
    public async Task Device_plugin_pods_are_unblocked_once_the_node_is_configured_and_health_reports_ready()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), Spec(Iface(numVfs: 2)));
        var pods = new ResourceClient<V1Pod>(h.Admin);
        await pods.CreateAsync(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = "sriov-device-plugin-x",
                NamespaceProperty = ClusterHarness.Ns,
                Annotations = new Dictionary<string, string> { [SriovAnnotations.DevicePluginWaitConfig] = "true" },
            },
            Spec = new V1PodSpec { NodeName = ClusterHarness.NodeName, Containers = [new V1Container { Name = "dp", Image = "x" }] },
        });
        h.StartDaemon(healthAddress: "127.0.0.1:0");

        await h.WaitForStatusAsync(SyncStatuses.Succeeded);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await pods.GetAsync(new ObjectKey(ClusterHarness.Ns, "sriov-device-plugin-x")))!.Metadata.Annotations?.ContainsKey(SriovAnnotations.DevicePluginWaitConfig) == true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the device plugin pod is still blocked");
            await Task.Delay(20);
        }

        using var http = new HttpClient { BaseAddress = h.Service!.HealthAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>A PF driver that accepts an admin MAC and keeps reporting none.</summary>
    private sealed class MacIgnoringDriver(IVfControl inner) : IVfControl
    {
        public IReadOnlyList<VfInfo> GetVfs(string pf) => inner.GetVfs(pf);

        public VfInfo GetVf(string pf, int vf) => inner.GetVf(pf, vf);

        public void SetMac(string pf, int vf, MacAddress mac)
        {
        }

        public void SetVlan(string pf, int vf, int vlan, int qos = 0, VlanProtocol? protocol = null) => inner.SetVlan(pf, vf, vlan, qos, protocol);

        public void SetRate(string pf, int vf, int minTxRateMbps, int maxTxRateMbps) => inner.SetRate(pf, vf, minTxRateMbps, maxTxRateMbps);

        public void SetSpoofCheck(string pf, int vf, bool enabled) => inner.SetSpoofCheck(pf, vf, enabled);

        public void SetTrust(string pf, int vf, bool trusted) => inner.SetTrust(pf, vf, trusted);

        public void SetLinkState(string pf, int vf, VfLinkState state) => inner.SetLinkState(pf, vf, state);

        public void SetNodeGuid(string pf, int vf, ulong nodeGuid) => inner.SetNodeGuid(pf, vf, nodeGuid);

        public void SetPortGuid(string pf, int vf, ulong portGuid) => inner.SetPortGuid(pf, vf, portGuid);
    }
}
