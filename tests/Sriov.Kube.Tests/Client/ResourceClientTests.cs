using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Kube.Client;
using Sriov.Kube.Tests.Support;
using Sriov.Kube.Updates;

namespace Sriov.Kube.Tests.Client;

public class ResourceClientTests
{
    [Fact]
    public async Task A_custom_resource_round_trips_through_create_get_list_replace_and_delete()
    {
        await using var h = await KubeHarness.StartAsync();
        var states = h.Resource<SriovNetworkNodeState>();
        var state = Objects.NodeState("node-1");
        state.Spec.Interfaces = [new InterfaceSpec { PciAddress = "0000:3b:00.0", Name = "ens1f0", NumVfs = 4 }];

        var created = await states.CreateAsync(state);
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        var key = ObjectKey.Of(created);
        Assert.Equal($"{KubeHarness.Ns}/node-1", key.ToString());

        var read = await states.GetAsync(key);
        Assert.Equal(4, Assert.Single(read!.Spec.Interfaces!).NumVfs);

        read.Spec.Interfaces![0].NumVfs = 8;
        var replaced = await states.ReplaceAsync(read);
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);

        var list = await states.ListAsync(KubeHarness.Ns);
        var item = Assert.Single(list.Items);
        Assert.Equal(8, item.Spec.Interfaces![0].NumVfs);
        Assert.Equal((SriovGroup.ApiVersion, SriovNetworkNodeState.KindName), (item.ApiVersion, item.Kind));
        Assert.Equal(replaced.Metadata.ResourceVersion, list.Metadata.ResourceVersion);

        Assert.True(await states.DeleteAsync(key));
        Assert.False(await states.DeleteAsync(key));
        Assert.Null(await states.GetAsync(key));
    }

    [Fact]
    public async Task Core_kinds_use_the_core_group_paths_cluster_scoped_and_namespaced()
    {
        await using var h = await KubeHarness.StartAsync();
        var nodes = h.Resource<V1Node>();
        await nodes.CreateAsync(Objects.Node("worker-0", new Dictionary<string, string> { ["role"] = "worker" }));
        await nodes.CreateAsync(Objects.Node("master-0"));
        var cms = h.Resource<V1ConfigMap>();
        await cms.CreateAsync(Objects.ConfigMap("supported-nic-ids", data: new Dictionary<string, string> { ["Intel_i40e"] = "8086 158b 154c" }));

        var workers = await nodes.ListAsync(selector: new ResourceSelector(Label: "role=worker"));
        Assert.Equal(["worker-0"], workers.Items.Select(n => n.Metadata.Name));
        Assert.All(workers.Items, n => Assert.Equal(("v1", "Node"), (n.ApiVersion, n.Kind)));
        Assert.NotNull(await nodes.GetAsync(ObjectKey.Cluster("master-0")));
        var cm = await cms.GetAsync(new ObjectKey(KubeHarness.Ns, "supported-nic-ids"));
        Assert.Equal("8086 158b 154c", cm!.Data["Intel_i40e"]);

        Assert.Contains(h.Transport.Requests, r => r.Path == "/api/v1/nodes" && r.Query.GetValueOrDefault("labelSelector") == "role=worker");
        Assert.Contains(h.Transport.Requests, r => r.Path == $"/api/v1/namespaces/{KubeHarness.Ns}/configmaps/supported-nic-ids");
    }

    [Fact]
    public async Task A_stale_resource_version_is_a_conflict_and_a_duplicate_create_already_exists()
    {
        await using var h = await KubeHarness.StartAsync();
        var cms = h.Resource<V1ConfigMap>();
        var first = await cms.CreateAsync(Objects.ConfigMap("a"));
        var stale = await cms.GetAsync(ObjectKey.Of(first));
        first.Data = new Dictionary<string, string> { ["x"] = "1" };
        await cms.ReplaceAsync(first);

        stale!.Data = new Dictionary<string, string> { ["x"] = "2" };
        var conflict = await Assert.ThrowsAsync<KubeApiException>(() => cms.ReplaceAsync(stale));
        Assert.True(conflict.IsConflict);
        Assert.Contains("replace ConfigMap sriov-network-operator/a", conflict.Message);

        var exists = await Assert.ThrowsAsync<KubeApiException>(() => cms.CreateAsync(Objects.ConfigMap("a")));
        Assert.True(exists.IsAlreadyExists);
        Assert.False(exists.IsConflict);
    }

    [Fact]
    public async Task The_status_subresource_changes_status_only_and_the_main_resource_ignores_status()
    {
        await using var h = await KubeHarness.StartAsync();
        var states = h.Resource<SriovNetworkNodeState>();
        var created = await states.CreateAsync(Objects.NodeState("node-1"));

        created.Status = new SriovNetworkNodeStateStatus { SyncStatus = SyncStatuses.InProgress };
        created.Spec.Interfaces = [new InterfaceSpec { PciAddress = "0000:3b:00.0", NumVfs = 2 }];
        var afterStatus = await states.ReplaceStatusAsync(created);
        Assert.Equal(SyncStatuses.InProgress, afterStatus.Status!.SyncStatus);
        Assert.Null(afterStatus.Spec.Interfaces);

        var patched = await states.PatchStatusAsync(ObjectKey.Of(created), new V1Patch(
            new JsonObject { ["status"] = new JsonObject { ["lastSyncError"] = "PF 0000:3b:00.0: sriov_numvfs: EBUSY" } },
            V1Patch.PatchType.MergePatch));
        Assert.Equal((SyncStatuses.InProgress, "PF 0000:3b:00.0: sriov_numvfs: EBUSY"),
            (patched.Status!.SyncStatus, patched.Status.LastSyncError));

        patched.Status.SyncStatus = SyncStatuses.Failed;
        patched.Spec.Interfaces = [new InterfaceSpec { PciAddress = "0000:3b:00.0", NumVfs = 2 }];
        var afterSpec = await states.ReplaceAsync(patched);
        Assert.Equal(2, afterSpec.Spec.Interfaces![0].NumVfs);
        Assert.Equal(SyncStatuses.InProgress, afterSpec.Status!.SyncStatus);
    }

    [Fact]
    public async Task Json_patch_and_merge_patch_reach_the_object()
    {
        await using var h = await KubeHarness.StartAsync();
        var configs = h.Resource<SriovOperatorConfig>();
        var config = new SriovOperatorConfig { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = KubeHarness.Ns } };
        await configs.CreateAsync(config);
        var key = ObjectKey.Of(config);

        await configs.PatchAsync(key, new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["disableDrain"] = true } },
            V1Patch.PatchType.MergePatch));
        var patched = await configs.PatchAsync(key, new V1Patch(
            new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/spec/logLevel", ["value"] = 2 }),
            V1Patch.PatchType.JsonPatch));
        Assert.True(patched.Spec.DisableDrain);
        Assert.Equal(2, patched.Spec.LogLevel);
    }

    [Fact]
    public async Task A_pod_annotation_is_removed_by_patch_and_pods_are_selected_by_node()
    {
        await using var h = await KubeHarness.StartAsync();
        var pods = h.Resource<V1Pod>();
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "sriov-device-plugin-x",
                NamespaceProperty = KubeHarness.Ns,
                Annotations = new Dictionary<string, string> { [SriovAnnotations.DevicePluginWaitConfig] = "true" },
            },
            Spec = new V1PodSpec { NodeName = "worker-0", Containers = [new V1Container { Name = "dp", Image = "dp" }] },
        };
        await pods.CreateAsync(pod);

        var onNode = await pods.ListAsync(KubeHarness.Ns, new ResourceSelector(Field: "spec.nodeName=worker-0"));
        Assert.Equal(["sriov-device-plugin-x"], onNode.Items.Select(p => p.Metadata.Name));
        var patched = await pods.PatchAnnotationsAsync(ObjectKey.Of(pod),
            new Dictionary<string, string?> { [SriovAnnotations.DevicePluginWaitConfig] = null });
        Assert.False(patched.Metadata.Annotations?.ContainsKey(SriovAnnotations.DevicePluginWaitConfig) ?? false);
    }

    [Fact]
    public void KubeKind_reads_the_entity_attribute_and_refuses_a_type_without_one()
    {
        Assert.Equal(new KubeKind("", "v1", "nodes", "Node"), KubeKind.Of<V1Node>());
        Assert.Equal("v1", KubeKind.Of<V1Node>().ApiVersion);
        Assert.Equal(new KubeKind("coordination.k8s.io", "v1", "leases", "Lease"), KubeKind.Of<V1Lease>());
        Assert.Equal("sriovnetwork.openshift.io/v1", KubeKind.Of<SriovNetworkNodeState>().ApiVersion);
        var e = Assert.Throws<ArgumentException>(() => KubeKind.Of<string>());
        Assert.Contains("System.String has no [KubernetesEntity]", e.Message);
    }

    [Theory]
    [InlineData("ns/name", "ns", "name")]
    [InlineData("node-1", null, "node-1")]
    public void ObjectKey_text_form_is_client_gos_cache_key(string text, string? ns, string name)
    {
        var key = ObjectKey.Parse(text);
        Assert.Equal(new ObjectKey(ns, name), key);
        Assert.Equal(text, key.ToString());
        Assert.Equal(key, new ObjectKey(ns ?? "", name));
    }
}
