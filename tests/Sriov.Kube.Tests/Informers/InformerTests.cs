using k8s.Models;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;
using Sriov.Kube.Informers;
using Sriov.Kube.Updates;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Informers;

public class InformerTests
{
    [Theory]
    [MemberData(nameof(KubeHarness.Modes), MemberType = typeof(KubeHarness))]
    public async Task Lists_then_watches_from_the_lists_resource_version_and_delivers_each_change_once(string mode)
    {
        await using var h = await KubeHarness.StartAsync(mode: mode);
        var admin = h.AdminResource<V1ConfigMap>();
        await admin.CreateAsync(Objects.ConfigMap("a"));
        await admin.CreateAsync(Objects.ConfigMap("b"));

        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(), FastInformer.InNs);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(run.Informer.HasSynced);
        Assert.Equal(["Added a", "Added b"], run.Events.Lines);
        var listRv = run.Informer.ResourceVersion;

        await admin.PatchAnnotationsAsync(new ObjectKey(KubeHarness.Ns, "a"), new Dictionary<string, string?> { ["x"] = "1" });
        await admin.DeleteAsync(new ObjectKey(KubeHarness.Ns, "b"));
        await admin.CreateAsync(Objects.ConfigMap("c"));
        await run.Events.WaitForAsync("Added a", "Added b", "Modified a", "Deleted b", "Added c");

        Assert.Equal(["Added a", "Added b", "Modified a", "Deleted b", "Added c"], run.Events.Lines);
        Assert.Equal(["a", "c"], run.Informer.Cache.List().Select(c => c.Metadata.Name).Order());
        Assert.Equal("1", run.Informer.Cache.Get(new ObjectKey(KubeHarness.Ns, "a"))!.Metadata.Annotations["x"]);
        Assert.Equal(h.Emulator.ResourceVersion.ToString(), run.Informer.ResourceVersion);
        var requests = h.Transport.Requests;
        Assert.Single(requests, r => r.IsListOf("configmaps"));
        var watch = Assert.Single(requests, r => r.IsWatchOf("configmaps"));
        Assert.Equal(listRv, watch.ResourceVersion);
        Assert.Equal("true", watch.Query["allowWatchBookmarks"]);
        Assert.InRange(int.Parse(watch.Query["timeoutSeconds"]), 300, 600);
    }

    [Fact]
    public async Task A_field_selector_on_the_name_sees_only_that_object()
    {
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<SriovNetworkNodeState>();
        await admin.CreateAsync(Objects.NodeState("node-1"));
        await admin.CreateAsync(Objects.NodeState("node-2"));

        await using var run = RunningInformer<SriovNetworkNodeState>.Start(h.Resource<SriovNetworkNodeState>(),
            FastInformer.InNs with { Selector = ResourceSelector.Named("node-1") });
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var name in new[] { "node-2", "node-1" })
        {
            await admin.UpdateAsync(new ObjectKey(KubeHarness.Ns, name), s =>
            {
                s.Spec.Interfaces = [new InterfaceSpec { PciAddress = "0000:3b:00.0", NumVfs = 4 }];
                return true;
            });
        }

        await admin.DeleteAsync(new ObjectKey(KubeHarness.Ns, "node-2"));
        await admin.DeleteAsync(new ObjectKey(KubeHarness.Ns, "node-1"));
        await run.Events.WaitForAsync("Added node-1", "Modified node-1", "Deleted node-1");
        Assert.Equal(["Added node-1", "Modified node-1", "Deleted node-1"], run.Events.Lines);
        Assert.Equal("metadata.name=node-1", h.Transport.Requests.First(r => r.IsWatch).Query["fieldSelector"]);
    }

    [Fact]
    public async Task Objects_entering_and_leaving_a_label_selector_are_added_and_deleted()
    {
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<V1Node>();
        await admin.CreateAsync(Objects.Node("worker-0", new Dictionary<string, string> { ["sriov"] = "yes" }));
        await admin.CreateAsync(Objects.Node("master-0"));

        await using var run = RunningInformer<V1Node>.Start(h.Resource<V1Node>(),
            new InformerOptions { Selector = new ResourceSelector(Label: "sriov=yes") });
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await admin.PatchLabelsAsync(ObjectKey.Cluster("master-0"), new Dictionary<string, string?> { ["sriov"] = "yes" });
        await admin.PatchLabelsAsync(ObjectKey.Cluster("worker-0"), new Dictionary<string, string?> { ["sriov"] = null });
        await run.Events.WaitForAsync("Added worker-0", "Added master-0", "Deleted worker-0");

        Assert.Equal(["Added worker-0", "Added master-0", "Deleted worker-0"], run.Events.Lines);
        Assert.Equal(["master-0"], run.Informer.Cache.Keys().Select(k => k.ToString()));
    }

    [Fact]
    public async Task A_late_subscriber_gets_the_cache_as_added_and_a_failing_handler_stops_nothing()
    {
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<V1ConfigMap>();
        await admin.CreateAsync(Objects.ConfigMap("a"));
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(), FastInformer.InNs);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        using var throwing = run.Informer.Subscribe(_ => throw new InvalidOperationException("handler bug"));
        var late = new EventLog<V1ConfigMap>();
        using (run.Informer.Subscribe(late.Record))
        {
            Assert.Equal(["Added a"], late.Lines);
            await admin.CreateAsync(Objects.ConfigMap("b"));
            await late.WaitForAsync("Added a", "Added b");
        }

        await admin.CreateAsync(Objects.ConfigMap("c"));
        await run.Events.WaitForAsync("Added a", "Added b", "Added c");
        Assert.Equal(["Added a", "Added b"], late.Lines);
    }

    [Fact]
    public async Task A_failing_list_is_retried_until_it_succeeds()
    {
        await using var h = await KubeHarness.StartAsync();
        await h.AdminResource<V1ConfigMap>().CreateAsync(Objects.ConfigMap("a"));
        h.Transport.Partitioned = true;
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(), FastInformer.InNs);
        await Eventually.TrueAsync(() => run.Informer.ResourceVersion is null && !run.Informer.HasSynced, "a failed list");
        await Task.Delay(50);
        Assert.False(run.Informer.HasSynced);

        h.Transport.Partitioned = false;
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["Added a"], run.Events.Lines);
    }
}
