using System.Text.Json.Nodes;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;
using Sriov.Kube.Tests.Support;
using Sriov.Kube.Updates;

namespace Sriov.Kube.Tests.Updates;

public class ResourceUpdatesTests
{
    private static readonly ObjectKey Node1 = new(KubeHarness.Ns, "node-1");

    [Fact]
    public async Task A_status_update_that_meets_a_conflict_rereads_and_keeps_the_other_writers_change()
    {
        await using var h = await KubeHarness.StartAsync();
        await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        var states = h.Resource<SriovNetworkNodeState>();
        var calls = 0;

        var updated = await states.UpdateStatusAsync(Node1, s =>
        {
            if (++calls == 1)
            {
                // Another writer (the operator) changes the object between our read and our write.
                h.AdminResource<SriovNetworkNodeState>().PatchAnnotationsAsync(Node1,
                    new Dictionary<string, string?> { [SriovAnnotations.CurrentState] = "Idle" }).GetAwaiter().GetResult();
            }

            s.Status = new SriovNetworkNodeStateStatus { SyncStatus = SyncStatuses.Succeeded };
            return true;
        });

        Assert.Equal(2, calls);
        Assert.Equal(SyncStatuses.Succeeded, updated.Status!.SyncStatus);
        Assert.Equal("Idle", updated.Metadata.Annotations[SriovAnnotations.CurrentState]);
        var puts = h.Transport.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.EndsWith("/sriovnetworknodestates/node-1/status", p.Path));
    }

    [Fact]
    public async Task A_conflict_that_never_ends_gives_up_after_the_bounded_attempts_naming_the_object()
    {
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<SriovNetworkNodeState>();
        await admin.CreateAsync(Objects.NodeState("node-1"));
        var calls = 0;

        var e = await Assert.ThrowsAsync<KubeApiException>(() => h.Resource<SriovNetworkNodeState>().UpdateStatusAsync(Node1, s =>
        {
            calls++;
            admin.PatchAnnotationsAsync(Node1, new Dictionary<string, string?> { ["bump"] = calls.ToString() })
                .GetAwaiter().GetResult();
            s.Status = new SriovNetworkNodeStateStatus { SyncStatus = SyncStatuses.InProgress };
            return true;
        }));

        Assert.Equal(ResourceUpdates.MaxAttempts, calls);
        Assert.True(e.IsConflict);
        Assert.Contains($"update status of SriovNetworkNodeState {KubeHarness.Ns}/node-1: still conflicting after 5 attempts", e.Message);
    }

    [Fact]
    public async Task A_status_merge_patch_carries_its_resourceVersion_and_on_conflict_rereads_keeping_other_status_fields()
    {
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<SriovNetworkNodeState>();
        await admin.CreateAsync(Objects.NodeState("node-1"));
        var seen = new List<string?>();

        var patched = await h.Resource<SriovNetworkNodeState>().MergePatchStatusAsync(Node1, s =>
        {
            seen.Add(s.Status?.System?.RdmaMode);
            if (seen.Count == 1)
            {
                // Another writer sets a status field we do not own between our read and our patch: without the
                // resourceVersion precondition our patch would go through on the stale read.
                admin.UpdateStatusAsync(Node1, o =>
                {
                    o.Status = new SriovNetworkNodeStateStatus { System = new SystemConfig { RdmaMode = "shared" } };
                    return true;
                }).GetAwaiter().GetResult();
            }

            return new JsonObject { ["syncStatus"] = SyncStatuses.Succeeded };
        });

        Assert.Equal([null, "shared"], seen);
        Assert.Equal((SyncStatuses.Succeeded, "shared"), (patched.Status!.SyncStatus, patched.Status.System!.RdmaMode));
        var patches = h.Transport.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.All(patches, p => Assert.EndsWith("/sriovnetworknodestates/node-1/status", p.Path));

        var unchanged = await h.Resource<SriovNetworkNodeState>().MergePatchStatusAsync(Node1, _ => null);
        Assert.Equal(patched.Metadata.ResourceVersion, unchanged.Metadata.ResourceVersion);
        Assert.Equal(2, h.Transport.Requests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public async Task A_status_merge_patch_of_a_missing_object_is_not_found()
    {
        await using var h = await KubeHarness.StartAsync();

        var e = await Assert.ThrowsAsync<KubeApiException>(() =>
            h.Resource<SriovNetworkNodeState>().MergePatchStatusAsync(Node1, _ => new JsonObject()));

        Assert.True(e.IsNotFound);
        Assert.Contains($"patch status of SriovNetworkNodeState {KubeHarness.Ns}/node-1", e.Message);
    }

    [Fact]
    public async Task Nothing_to_change_writes_nothing()
    {
        await using var h = await KubeHarness.StartAsync();
        var created = await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        var result = await h.Resource<SriovNetworkNodeState>().UpdateStatusAsync(Node1, _ => false);
        Assert.Equal(created.Metadata.ResourceVersion, result.Metadata.ResourceVersion);
        Assert.DoesNotContain(h.Transport.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task Updating_a_missing_object_says_so()
    {
        await using var h = await KubeHarness.StartAsync();
        var e = await Assert.ThrowsAsync<KubeApiException>(() =>
            h.Resource<SriovNetworkNodeState>().UpdateAsync(Node1, _ => true));
        Assert.True(e.IsNotFound);
        Assert.Equal($"update SriovNetworkNodeState {KubeHarness.Ns}/node-1: the object does not exist", e.Message);
    }

    [Fact]
    public async Task A_spec_update_with_conflict_retries_too()
    {
        await using var h = await KubeHarness.StartAsync();
        await h.AdminResource<V1Node>().CreateAsync(Objects.Node("worker-0"));
        var calls = 0;
        var node = await h.Resource<V1Node>().UpdateAsync(ObjectKey.Cluster("worker-0"), n =>
        {
            if (++calls == 1)
            {
                h.AdminResource<V1Node>().PatchLabelsAsync(ObjectKey.Cluster("worker-0"),
                    new Dictionary<string, string?> { ["other"] = "x" }).GetAwaiter().GetResult();
            }

            n.Spec ??= new V1NodeSpec();
            n.Spec.Unschedulable = true;
            return true;
        });
        Assert.Equal(2, calls);
        Assert.True(node.Spec.Unschedulable);
        Assert.Equal("x", node.Metadata.Labels["other"]);
    }

    [Fact]
    public async Task Annotation_patches_set_and_remove_keys_and_leave_the_others()
    {
        await using var h = await KubeHarness.StartAsync();
        var nodes = h.Resource<V1Node>();
        var node = Objects.Node("worker-0");
        node.Metadata.Annotations = new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" };
        await nodes.CreateAsync(node);

        var patched = await nodes.PatchAnnotationsAsync(ObjectKey.Cluster("worker-0"),
            new Dictionary<string, string?> { [SriovAnnotations.NodeState] = "Drain_Required", ["drop"] = null });
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", [SriovAnnotations.NodeState] = "Drain_Required" },
            patched.Metadata.Annotations);

        var labelled = await nodes.PatchLabelsAsync(ObjectKey.Cluster("worker-0"), new Dictionary<string, string?> { ["a"] = "b" });
        Assert.Equal("b", labelled.Metadata.Labels["a"]);
        Assert.Equal(patched.Metadata.Annotations, labelled.Metadata.Annotations);
    }

    [Fact]
    public async Task An_annotation_patch_with_a_stale_resource_version_is_refused()
    {
        await using var h = await KubeHarness.StartAsync();
        var nodes = h.Resource<V1Node>();
        var created = await nodes.CreateAsync(Objects.Node("worker-0"));
        await nodes.PatchLabelsAsync(ObjectKey.Cluster("worker-0"), new Dictionary<string, string?> { ["a"] = "b" });

        var e = await Assert.ThrowsAsync<KubeApiException>(() => nodes.PatchAnnotationsAsync(ObjectKey.Cluster("worker-0"),
            new Dictionary<string, string?> { [SriovAnnotations.NodeState] = "Idle" }, created.Metadata.ResourceVersion));
        Assert.True(e.IsConflict);
    }
}
