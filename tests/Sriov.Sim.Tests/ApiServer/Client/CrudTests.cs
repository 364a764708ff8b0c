using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Sriov.Sim.Tests.ApiServer.Client;

public class CrudTests
{
    public static TheoryData<string> Modes => new() { "http", "memory" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Create_get_update_delete_with_server_set_metadata(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var created = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" }, Data = new Dictionary<string, string> { ["k"] = "v" } },
            "default");
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal("default", created.Metadata.NamespaceProperty);
        var rv1 = long.Parse(created.Metadata.ResourceVersion);

        var read = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("c1", "default");
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("v", read.Data["k"]);

        read.Data["k"] = "v2";
        var updated = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "c1", "default");
        Assert.True(long.Parse(updated.Metadata.ResourceVersion) > rv1);
        Assert.Equal(created.Metadata.CreationTimestamp, updated.Metadata.CreationTimestamp);

        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Equal("c1", Assert.Single(list.Items).Metadata.Name);
        Assert.Equal(h.Emulator.ResourceVersion.ToString(), list.Metadata.ResourceVersion);

        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("c1", "default");
        var status = await Harness.StatusOfAsync(() => h.Client.CoreV1.ReadNamespacedConfigMapAsync("c1", "default"));
        Assert.Equal("NotFound", (string?)status["reason"]);
        Assert.Equal(404, (int?)status["code"]);
        Assert.Equal("configmaps \"c1\" not found", (string?)status["message"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Stale_resource_version_is_a_409_and_unconditional_update_wins(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var first = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "default");
        var second = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("c", "default");
        second.Data = new Dictionary<string, string> { ["by"] = "second" };
        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(second, "c", "default");

        first.Data = new Dictionary<string, string> { ["by"] = "first" };
        var status = await Harness.StatusOfAsync(() => h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "c", "default"));
        Assert.Equal(409, (int?)status["code"]);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Contains("the object has been modified", (string?)status["message"], StringComparison.Ordinal);

        first.Metadata.ResourceVersion = null;
        var forced = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "c", "default");
        Assert.Equal("first", forced.Data["by"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_update_that_changes_nothing_writes_nothing(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var created = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } },
            "default");
        var before = h.Emulator.ResourceVersion;
        var same = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", "default");
        Assert.Equal(created.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
        Assert.Equal(before, h.Emulator.ResourceVersion);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Create_conflicts_namespaces_and_generate_name(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } };
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        var exists = await Harness.StatusOfAsync(() => h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } }, "default"));
        Assert.Equal("AlreadyExists", (string?)exists["reason"]);

        var noNs = await Harness.StatusOfAsync(() => h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "nowhere"));
        Assert.Equal("namespaces \"nowhere\" not found", (string?)noNs["message"]);

        var generated = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");
        Assert.Matches("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$", generated.Metadata.Name);

        var badName = await Harness.StatusOfAsync(() => h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "Bad_Name" } }, "default"));
        Assert.Equal(422, (int?)badName["code"]);
        Assert.Equal("metadata.name", (string?)badName["details"]!["causes"]![0]!["field"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Label_and_field_selectors_filter_lists(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        foreach (var (name, node, app) in new[] { ("p1", "n1", "a"), ("p2", "n2", "a"), ("p3", "n1", "b") })
        {
            await h.Client.CoreV1.CreateNamespacedPodAsync(Pods.Pod(name, node, new() { ["app"] = app }), "default");
        }

        var onN1 = await h.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.nodeName=n1");
        Assert.Equal(["p1", "p3"], onN1.Items.Select(p => p.Metadata.Name));
        var appA = await h.Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app in (a)");
        Assert.Equal(["p1", "p2"], appA.Items.Select(p => p.Metadata.Name));
        var both = await h.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=a",
            fieldSelector: "spec.nodeName!=n1,metadata.namespace=default");
        Assert.Equal("p2", Assert.Single(both.Items).Metadata.Name);
        var byName = await h.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=p3");
        Assert.Equal("p3", Assert.Single(byName.Items).Metadata.Name);

        var bad = await Harness.StatusOfAsync(() => h.Client.CoreV1.ListNamespacedConfigMapAsync("default",
            fieldSelector: "spec.nodeName=n1"));
        Assert.Equal(400, (int?)bad["code"]);
        Assert.Contains("field label not supported: spec.nodeName", (string?)bad["message"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Pagination_is_a_consistent_snapshot_and_a_compacted_continue_is_410(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"c{i}" } }, "default");
        }

        var page1 = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2);
        Assert.Equal(["c0", "c1"], page1.Items.Select(c => c.Metadata.Name));
        Assert.Equal(3, page1.Metadata.RemainingItemCount);
        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("c2", "default");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c9" } }, "default");

        var page2 = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: page1.Metadata.ContinueProperty);
        Assert.Equal(["c2", "c3"], page2.Items.Select(c => c.Metadata.Name));
        Assert.Equal(page1.Metadata.ResourceVersion, page2.Metadata.ResourceVersion);
        var page3 = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: page2.Metadata.ContinueProperty);
        Assert.Equal(["c4"], page3.Items.Select(c => c.Metadata.Name));
        Assert.Null(page3.Metadata.ContinueProperty);

        h.Emulator.Compact();
        var expired = await Harness.StatusOfAsync(() => h.Client.CoreV1.ListNamespacedConfigMapAsync("default",
            limit: 2, continueParameter: page1.Metadata.ContinueProperty));
        Assert.Equal(410, (int?)expired["code"]);
        Assert.Equal("Expired", (string?)expired["reason"]);
        Assert.NotNull(expired["metadata"]!["continue"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Exact_resource_version_lists_the_past_state(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var c = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, "default");
        c.Data["v"] = "2";
        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(c, "c", "default");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "d" } }, "default");

        var past = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default", resourceVersion: c.Metadata.ResourceVersion,
            resourceVersionMatch: "Exact");
        Assert.Equal("1", Assert.Single(past.Items).Data["v"]);
        Assert.Equal(c.Metadata.ResourceVersion, past.Metadata.ResourceVersion);

        var future = await Harness.StatusOfAsync(() => h.Client.CoreV1.ListNamespacedConfigMapAsync("default",
            resourceVersion: "999999"));
        Assert.Equal(504, (int?)future["code"]);
        Assert.Contains("Too large resource version", (string?)future["message"], StringComparison.Ordinal);
    }

    /// <summary>The config daemon's DaemonSet, the operator's Deployment and their ServiceAccounts are stored, listed,
    /// updated (generation bumped on a spec change) and deleted like any other kind; nothing runs them.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Service_accounts_and_deployments_are_stored_not_run(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "sriov-network-config-daemon" } }, "default");
        var labels = new Dictionary<string, string> { ["app"] = "sriov-network-operator" };
        var deployment = await h.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "sriov-network-operator" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { ServiceAccountName = "sriov-network-config-daemon", Containers = [new V1Container { Name = "operator", Image = "sriov-operator:dev" }] },
                },
            },
        }, "default");
        Assert.Equal(1, deployment.Metadata.Generation);

        deployment.Spec.Replicas = 2;
        var updated = await h.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "sriov-network-operator", "default");
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("sriov-network-config-daemon", Assert.Single((await h.Client.CoreV1.ListNamespacedServiceAccountAsync("default")).Items).Metadata.Name);
        Assert.Equal(2, Assert.Single((await h.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Items).Spec.Replicas);
        Assert.Empty((await h.Client.CoreV1.ListNamespacedPodAsync("default")).Items);

        await h.Client.AppsV1.DeleteNamespacedDeploymentAsync("sriov-network-operator", "default");
        await h.Client.CoreV1.DeleteNamespacedServiceAccountAsync("sriov-network-config-daemon", "default");
        Assert.Empty((await h.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Items);
        Assert.Equal(404, (int?)(await Harness.StatusOfAsync(() => h.Client.CoreV1.ReadNamespacedServiceAccountAsync("sriov-network-config-daemon", "default")))["code"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Secrets_turn_string_data_into_base64_data(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "s" },
            StringData = new Dictionary<string, string> { ["token"] = "abc" },
        }, "default");
        var read = await h.Client.CoreV1.ReadNamespacedSecretAsync("s", "default");
        Assert.Equal("abc", System.Text.Encoding.UTF8.GetString(read.Data["token"]));
        Assert.Null(read.StringData);
        Assert.Equal("Opaque", read.Type);
    }

    [Fact]
    public async Task Dry_run_validates_without_writing()
    {
        await using var h = await Harness.StartAsync("memory");
        var before = h.Emulator.ResourceVersion;
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } },
            "default", dryRun: "All");
        Assert.Equal(before, h.Emulator.ResourceVersion);
        Assert.Empty((await h.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task Pod_spec_is_immutable_except_images()
    {
        await using var h = await Harness.StartAsync("memory");
        var pod = await h.Client.CoreV1.CreateNamespacedPodAsync(Pods.Pod("p", "n1", []), "default");
        Assert.Equal("Pending", pod.Status.Phase);
        pod.Spec.Containers[0].Image = "busybox:2";
        pod = await h.Client.CoreV1.ReplaceNamespacedPodAsync(pod, "p", "default");
        pod.Spec.NodeName = "n2";
        var status = await Harness.StatusOfAsync(() => h.Client.CoreV1.ReplaceNamespacedPodAsync(pod, "p", "default"));
        Assert.Equal(422, (int?)status["code"]);
        Assert.Contains("pod updates may not change fields", (string?)status["message"], StringComparison.Ordinal);

        var noContainers = await Harness.StatusOfAsync(() => h.Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = "q" }, Spec = new V1PodSpec { Containers = [] } }, "default"));
        Assert.Equal("spec.containers", (string?)noContainers["details"]!["causes"]![0]!["field"]);
    }
}
