using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sriov.Sim.ApiServer;
using Sriov.Sim.Tests.ApiServer.Client;

namespace Sriov.Sim.Tests.ApiServer.Kubectl;

[Trait("Category", "RealClient")]
public class KubectlTests
{
    private static readonly string Crd = Harness.TestData("policy-crd.yaml");
    private static readonly string Sample = Harness.TestData("policy-sample.yaml");

    [Fact]
    public async Task Apply_get_patch_delete_a_custom_resource()
    {
        await using var emulator = await ApiServerEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/sriovnetworknodepolicies.sriovnetwork.openshift.io created",
            await kubectl.OkAsync("apply", "-f", Crd), StringComparison.Ordinal);
        Assert.Contains("sriovnetworknodepolicy.sriovnetwork.openshift.io/policy-1 created",
            await kubectl.OkAsync("apply", "-f", Sample), StringComparison.Ordinal);
        var again = await kubectl.RunAsync("apply", "-f", Sample);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("policy-1 unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Equal("", again.Stderr);

        var got = JsonNode.Parse(await kubectl.OkAsync("get", "sriovnetworknodepolicy", "policy-1", "-o", "json"))!;
        Assert.Equal("netdevice", (string?)got["spec"]!["deviceType"]);
        Assert.Equal(8, (int?)got["spec"]!["numVfs"]);
        Assert.Contains("policy-1", await kubectl.OkAsync("get", "sriovnetworknodepolicies"), StringComparison.Ordinal);

        await kubectl.OkAsync("patch", "sriovnetworknodepolicy", "policy-1", "--type=merge", "-p", """{"spec":{"numVfs":16}}""");
        await kubectl.OkAsync("patch", "sriovnetworknodepolicy", "policy-1", "--type=json",
            "-p", """[{"op":"replace","path":"/spec/priority","value":5}]""");
        got = JsonNode.Parse(await kubectl.OkAsync("get", "sriovnetworknodepolicy", "policy-1", "-o", "json"))!;
        Assert.Equal(16, (int?)got["spec"]!["numVfs"]);
        Assert.Equal(5, (int?)got["spec"]!["priority"]);
        Assert.Equal(3, (int?)got["metadata"]!["generation"]);

        Assert.Contains("deleted", await kubectl.OkAsync("delete", "sriovnetworknodepolicy", "policy-1"), StringComparison.Ordinal);
        var missing = await kubectl.RunAsync("get", "sriovnetworknodepolicy", "policy-1");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Error from server (NotFound)", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_an_invalid_object_reports_the_field()
    {
        await using var emulator = await ApiServerEmulator.StartAsync(new ApiServerOptions { CrdPaths = [Crd] });
        using var kubectl = new Kubectl(emulator);
        var file = Path.Combine(Path.GetTempPath(), $"sriov-sim-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Sample)).Replace("numVfs: 8", "numVfs: 200\n  deviceType: sriov",
            StringComparison.Ordinal));
        try
        {
            var (code, _, stderr) = await kubectl.RunAsync("apply", "-f", file);
            Assert.NotEqual(0, code);
            Assert.Contains("is invalid", stderr, StringComparison.Ordinal);
            Assert.Contains("spec.deviceType: Unsupported value: \"sriov\"", stderr, StringComparison.Ordinal);

            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Sample)).Replace("numVfs: 8", "numVfs: 8\n  bogusField: 1",
                StringComparison.Ordinal));
            (code, _, stderr) = await kubectl.RunAsync("apply", "-f", file);
            Assert.NotEqual(0, code);
            Assert.Contains("unknown field \"spec.bogusField\"", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Get_watch_sees_a_change()
    {
        await using var emulator = await ApiServerEmulator.StartAsync(new ApiServerOptions { CrdPaths = [Crd] });
        using var kubectl = new Kubectl(emulator);
        await kubectl.OkAsync("apply", "-f", Sample);
        using var watch = kubectl.Start("get", "sriovnetworknodepolicies", "-w", "--output-watch-events",
            "-o", "custom-columns=EVENT:.type,NAME:.object.metadata.name,VFS:.object.spec.numVfs");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var header = await watch.StandardOutput.ReadLineAsync(cts.Token);
            Assert.StartsWith("EVENT", header, StringComparison.Ordinal);
            Assert.Matches(@"^ADDED\s+policy-1\s+8$", await watch.StandardOutput.ReadLineAsync(cts.Token));

            using var client = emulator.CreateClient();
            await client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
                new V1Patch("""{"spec":{"numVfs":12}}""", V1Patch.PatchType.MergePatch),
                Harness.Group, Harness.CrVersion, "default", Harness.Plural, "policy-1");
            Assert.Matches(@"^MODIFIED\s+policy-1\s+12$", await watch.StandardOutput.ReadLineAsync(cts.Token));

            await client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(
                Harness.Group, Harness.CrVersion, "default", Harness.Plural, "policy-1");
            Assert.Matches(@"^DELETED\s+policy-1\s+12$", await watch.StandardOutput.ReadLineAsync(cts.Token));
        }
        finally
        {
            watch.Kill();
        }
    }

    [Fact]
    public async Task Server_side_apply_with_a_yaml_body()
    {
        await using var emulator = await ApiServerEmulator.StartAsync(new ApiServerOptions { CrdPaths = [Crd] });
        using var kubectl = new Kubectl(emulator);
        Assert.Contains("serverside-applied", await kubectl.OkAsync("apply", "--server-side", "-f", Sample), StringComparison.Ordinal);
        var got = JsonNode.Parse(await kubectl.OkAsync("get", "sriovnetworknodepolicy", "policy-1", "-o", "json",
            "--show-managed-fields"))!;
        Assert.Contains(got["metadata"]!["managedFields"]!.AsArray(),
            m => (string?)m!["manager"] == "kubectl" && (string?)m["operation"] == "Apply");
        Assert.Contains("serverside-applied", await kubectl.OkAsync("apply", "--server-side", "-f", Sample), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_side_apply_of_a_daemonset_merges_containers_by_name()
    {
        await using var emulator = await ApiServerEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var file = Path.Combine(Path.GetTempPath(), $"sriov-sim-ds-{Guid.NewGuid():N}.yaml");
        const string Ds = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds1
              namespace: default
            spec:
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                  - name: a
                    image: img:1
                    ports:
                    - containerPort: 80
                  - name: b
                    image: other:1
            """;
        try
        {
            await File.WriteAllTextAsync(file, Ds);
            await kubectl.OkAsync("apply", "-f", file);
            // Someone else adds an env var to container a; a client-side apply must keep it (strategic merge).
            await kubectl.OkAsync("set", "env", "daemonset/ds1", "-c", "a", "EXTRA=1");
            await File.WriteAllTextAsync(file, Ds.Replace("img:1", "img:2", StringComparison.Ordinal));
            var (code, _, stderr) = await kubectl.RunAsync("apply", "-f", file);
            Assert.True(code == 0, stderr);
            Assert.Equal("", stderr);

            using var client = emulator.CreateClient();
            var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync("ds1", "default");
            var a = ds.Spec.Template.Spec.Containers.Single(c => c.Name == "a");
            Assert.Equal("img:2", a.Image);
            Assert.Equal(80, Assert.Single(a.Ports).ContainerPort);
            Assert.Equal("EXTRA", Assert.Single(a.Env).Name);
            Assert.Equal(["a", "b"], ds.Spec.Template.Spec.Containers.Select(c => c.Name));
            Assert.Equal(3, ds.Metadata.Generation);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Delete_cascade_orphan_keeps_dependents()
    {
        await using var emulator = await ApiServerEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        using var client = emulator.CreateClient();
        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "o" } }, "default");
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "d",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "o", Uid = owner.Metadata.Uid }],
            },
        }, "default");
        await kubectl.OkAsync("delete", "configmap", "o", "--cascade=orphan");
        await emulator.WaitForControllersAsync();
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("d", "default");
        Assert.Null(secret.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Discovery_lists_built_in_and_custom_resources()
    {
        await using var emulator = await ApiServerEmulator.StartAsync(new ApiServerOptions { CrdPaths = [Crd] });
        using var kubectl = new Kubectl(emulator);
        var resources = await kubectl.OkAsync("api-resources");
        Assert.Matches(@"sriovnetworknodepolicies\s+sriovnetwork.openshift.io/v1\s+true\s+SriovNetworkNodePolicy", resources);
        Assert.Matches(@"poddisruptionbudgets\s+pdb\s+policy/v1\s+true\s+PodDisruptionBudget", resources);
        Assert.Contains("Server Version: v1.32.4", await kubectl.OkAsync("version"), StringComparison.Ordinal);
        Assert.Contains("numVfs", await kubectl.OkAsync("explain", "sriovnetworknodepolicy.spec"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imperative_create_of_a_built_in_kind_gets_a_clear_protobuf_refusal()
    {
        await using var emulator = await ApiServerEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var (code, _, stderr) = await kubectl.RunAsync("create", "configmap", "c1", "--from-literal=a=b");
        Assert.NotEqual(0, code);
        Assert.Contains("protobuf", stderr, StringComparison.Ordinal);
    }
}
