using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Sriov.Sim.Tests.ApiServer.Client;

public class GarbageCollectionTests
{
    public static TheoryData<string> Modes => new() { "http", "memory" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Background_deletion_removes_owned_objects_of_any_kind(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var owner = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), "default");
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = Owned("s1", owner) }, "default");
        var policy = Harness.Policy("p1");
        policy["metadata"]!["ownerReferences"] = OwnerJson(owner);
        await h.CreatePolicyAsync(policy);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("unrelated"), "default");

        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");
        await h.Emulator.WaitForControllersAsync();

        Assert.Empty((await h.Client.CoreV1.ListNamespacedSecretAsync("default")).Items);
        Assert.Equal(404, (int?)(await Harness.StatusOfAsync(() => h.GetPolicyAsync("p1")))["code"]);
        Assert.Equal("unrelated", Assert.Single((await h.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items).Metadata.Name);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Orphan_deletion_keeps_dependents_without_the_reference(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var owner = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), "default");
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = Owned("s1", owner) }, "default");

        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default", propagationPolicy: "Orphan");
        await h.Emulator.WaitForControllersAsync();

        var secret = await h.Client.CoreV1.ReadNamespacedSecretAsync("s1", "default");
        Assert.Null(secret.Metadata.OwnerReferences);
        Assert.Empty((await h.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Foreground_deletion_keeps_the_owner_until_blocking_dependents_are_gone(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var owner = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("owner"), "default");
        var dependentMeta = Owned("s1", owner, block: true);
        dependentMeta.Finalizers = ["example.com/hold"];
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = dependentMeta }, "default");

        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default", propagationPolicy: "Foreground");
        await h.Emulator.WaitForControllersAsync();
        var waiting = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("owner", "default");
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);
        var dependent = await h.Client.CoreV1.ReadNamespacedSecretAsync("s1", "default");
        Assert.NotNull(dependent.Metadata.DeletionTimestamp);

        dependent.Metadata.Finalizers = null;
        await h.Client.CoreV1.ReplaceNamespacedSecretAsync(dependent, "s1", "default");
        await h.Emulator.WaitForControllersAsync();
        Assert.Empty((await h.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_dependent_with_a_live_owner_survives_and_a_dangling_reference_is_collected(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var a = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        var b = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b"), "default");
        var meta = Owned("two-owners", a);
        meta.OwnerReferences.Add(Ref(b));
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = meta }, "default");
        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        await h.Emulator.WaitForControllersAsync();
        var survivor = await h.Client.CoreV1.ReadNamespacedSecretAsync("two-owners", "default");
        Assert.Equal("b", Assert.Single(survivor.Metadata.OwnerReferences).Name);

        var ghost = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "ghost", Uid = "00000000-0000-0000-0000-000000000001" } };
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = Owned("orphaned", ghost) }, "default");
        await h.Emulator.WaitForControllersAsync();
        Assert.Equal(["two-owners"], (await h.Client.CoreV1.ListNamespacedSecretAsync("default")).Items.Select(s => s.Metadata.Name));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Deleting_a_namespace_deletes_its_content_then_the_namespace(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "work" } });
        var ns = await h.Client.CoreV1.ReadNamespaceAsync("work");
        Assert.Equal("Active", ns.Status.Phase);
        Assert.Equal("work", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        var held = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } };
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(held, "work");
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "work");

        await h.Client.CoreV1.DeleteNamespaceAsync("work");
        await h.Emulator.WaitForControllersAsync();
        Assert.Equal("Terminating", (await h.Client.CoreV1.ReadNamespaceAsync("work")).Status.Phase);
        Assert.Empty((await h.Client.CoreV1.ListNamespacedSecretAsync("work")).Items);
        var refused = await Harness.StatusOfAsync(() => h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("late"), "work"));
        Assert.Equal(403, (int?)refused["code"]);
        Assert.Contains("because it is being terminated", (string?)refused["message"], StringComparison.Ordinal);

        var cm = await h.Client.CoreV1.ReadNamespacedConfigMapAsync("held", "work");
        cm.Metadata.Finalizers = null;
        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "held", "work");
        await h.Emulator.WaitForControllersAsync();
        Assert.Equal(404, (int?)(await Harness.StatusOfAsync(() => h.Client.CoreV1.ReadNamespaceAsync("work")))["code"]);
    }

    private static V1ConfigMap Cm(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static V1OwnerReference Ref(V1ConfigMap owner, bool block = false) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid,
        BlockOwnerDeletion = block ? true : null,
    };

    private static V1ObjectMeta Owned(string name, V1ConfigMap owner, bool block = false) =>
        new() { Name = name, OwnerReferences = [Ref(owner, block)] };

    private static JsonArray OwnerJson(V1ConfigMap owner) => new(new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = owner.Metadata.Name, ["uid"] = owner.Metadata.Uid,
    });
}
