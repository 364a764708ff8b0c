using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using static Sriov.Sim.Tests.ApiServer.Client.Harness;

namespace Sriov.Sim.Tests.ApiServer.Client;

public class CustomResourceTests
{
    public static TheoryData<string> Modes => new() { "http", "memory" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Schema_defaults_are_applied_and_unknown_fields_pruned(string mode)
    {
        await using var h = await StartAsync(mode);
        var policy = Policy("p1", extraSpec: ""","madeUp":true""");
        policy["spec"]!["nicSelector"]!["bogus"] = 1;
        policy["unknownTop"] = "x";
        var created = await h.CreatePolicyAsync(policy);
        Assert.Equal("netdevice", (string?)created["spec"]!["deviceType"]);
        Assert.Null(created["spec"]!["madeUp"]);
        Assert.Null(created["spec"]!["nicSelector"]!["bogus"]);
        Assert.Null(created["unknownTop"]);
        Assert.Equal(1, (int?)created["metadata"]!["generation"]);
        var read = await h.GetPolicyAsync("p1");
        Assert.True(JsonNode.DeepEquals(created, read));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Strict_field_validation_refuses_unknown_fields(string mode)
    {
        await using var h = await StartAsync(mode);
        var status = await StatusOfAsync(() => h.Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(
            Policy("p1", extraSpec: ""","madeUp":true"""), Group, CrVersion, Ns, Plural, fieldValidation: "Strict"));
        Assert.Equal(400, (int?)status["code"]);
        Assert.Contains("strict decoding error: unknown field \"spec.madeUp\"", (string?)status["message"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Schema_violations_are_422_with_field_paths(string mode)
    {
        await using var h = await StartAsync(mode);
        var policy = Policy("p1", extraSpec: ""","deviceType":"sriov","priority":100""");
        ((JsonObject)policy["spec"]!).Remove("resourceName");
        policy["spec"]!["numVfs"] = "eight";
        var status = await StatusOfAsync(() => h.CreatePolicyAsync(policy));
        Assert.Equal(422, (int?)status["code"]);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal("SriovNetworkNodePolicy", (string?)status["details"]!["kind"]);
        var causes = status["details"]!["causes"]!.AsArray()
            .Select(c => ((string?)c!["field"], (string?)c["reason"])).ToList();
        Assert.Contains(("spec.resourceName", "FieldValueRequired"), causes);
        Assert.Contains(("spec.numVfs", "FieldValueTypeInvalid"), causes);
        Assert.Contains(("spec.deviceType", "FieldValueNotSupported"), causes);
        Assert.Contains(("spec.priority", "FieldValueInvalid"), causes);
        Assert.StartsWith("SriovNetworkNodePolicy.sriovnetwork.openshift.io \"p1\" is invalid: [",
            (string?)status["message"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Status_subresource_separates_status_from_spec_and_generation_follows_spec_only(string mode)
    {
        await using var h = await StartAsync(mode);
        var policy = Policy("p1");
        policy["status"] = new JsonObject { ["syncStatus"] = "Succeeded" };
        var created = await h.CreatePolicyAsync(policy);
        Assert.Null(created["status"]);

        var patched = await h.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"status":{"syncStatus":"InProgress"}}""", V1Patch.PatchType.MergePatch),
            Group, CrVersion, Ns, Plural, "p1");
        Assert.Equal("InProgress", (string?)patched["status"]!["syncStatus"]);
        Assert.Equal(1, (int?)patched["metadata"]!["generation"]);

        // A status change through the main resource is ignored; a spec change bumps generation.
        var body = (JsonObject)patched.DeepClone();
        body["status"]!["syncStatus"] = "Failed";
        body["spec"]!["numVfs"] = 6;
        var replaced = await h.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(body, Group, CrVersion, Ns, Plural, "p1");
        Assert.Equal("InProgress", (string?)replaced["status"]!["syncStatus"]);
        Assert.Equal(6, (int?)replaced["spec"]!["numVfs"]);
        Assert.Equal(2, (int?)replaced["metadata"]!["generation"]);

        // Labels are metadata: no generation bump.
        var labelled = await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), Group, CrVersion, Ns, Plural, "p1");
        Assert.Equal(2, (int?)labelled["metadata"]!["generation"]);

        // A status write is validated against the schema too.
        var bad = await StatusOfAsync(() => h.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"status":{"syncStatus":"Bogus"}}""", V1Patch.PatchType.MergePatch), Group, CrVersion, Ns, Plural, "p1"));
        Assert.Equal("status.syncStatus", (string?)bad["details"]!["causes"]![0]!["field"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Status_patch_with_a_stale_resource_version_is_a_409(string mode)
    {
        await using var h = await StartAsync(mode);
        var created = await h.CreatePolicyAsync(Policy("p1"));
        var rv = (string?)created["metadata"]!["resourceVersion"];
        await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"spec":{"numVfs":5}}""", V1Patch.PatchType.MergePatch), Group, CrVersion, Ns, Plural, "p1");
        var status = await StatusOfAsync(() => h.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(
            new V1Patch("""{"metadata":{"resourceVersion":""" + $"\"{rv}\"" + """},"status":{"syncStatus":"Succeeded"}}""",
                V1Patch.PatchType.MergePatch), Group, CrVersion, Ns, Plural, "p1"));
        Assert.Equal(409, (int?)status["code"]);
        Assert.Equal("Operation cannot be fulfilled on sriovnetworknodepolicies.sriovnetwork.openshift.io \"p1\": " +
                     "the object has been modified; please apply your changes to the latest version and try again",
            (string?)status["message"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Finalizers_hold_a_deleted_object_until_removed(string mode)
    {
        await using var h = await StartAsync(mode);
        var policy = Policy("p1");
        policy["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await h.CreatePolicyAsync(policy);
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(Group, CrVersion, Ns, Plural, "p1");

        var deleting = await h.GetPolicyAsync("p1");
        Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, (int?)deleting["metadata"]!["generation"]);

        var more = await StatusOfAsync(() => h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"metadata":{"finalizers":["example.com/cleanup","example.com/other"]}}""", V1Patch.PatchType.MergePatch),
            Group, CrVersion, Ns, Plural, "p1"));
        Assert.Contains("no new finalizers can be added", (string?)more["message"], StringComparison.Ordinal);

        await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""[{"op":"remove","path":"/metadata/finalizers"}]""", V1Patch.PatchType.JsonPatch),
            Group, CrVersion, Ns, Plural, "p1");
        var gone = await StatusOfAsync(() => h.GetPolicyAsync("p1"));
        Assert.Equal(404, (int?)gone["code"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Server_side_apply_creates_then_merges_lists_by_schema_keys(string mode)
    {
        await using var h = await StartAsync(mode);
        var apply = Policy("p1", extraSpec: ""","vfGroups":[{"resourceName":"a","vfRange":"0-1"}]""");
        var created = await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(apply, V1Patch.PatchType.ApplyPatch), Group, CrVersion, Ns, Plural, "p1", fieldManager: "test-op", force: true);
        Assert.Equal("netdevice", (string?)created["spec"]!["deviceType"]);

        var second = JsonNode.Parse("""
            {"apiVersion":"sriovnetwork.openshift.io/v1","kind":"SriovNetworkNodePolicy","metadata":{"name":"p1"},
             "spec":{"vfGroups":[{"resourceName":"b","vfRange":"2-3"},{"resourceName":"a","vfRange":"0-0"}]}}
            """)!;
        var merged = await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(second, V1Patch.PatchType.ApplyPatch), Group, CrVersion, Ns, Plural, "p1", fieldManager: "test-op");
        var groups = merged["spec"]!["vfGroups"]!.AsArray().Select(g => ((string?)g!["resourceName"], (string?)g["vfRange"]));
        Assert.Equal([("a", "0-0"), ("b", "2-3")], groups);
        Assert.Equal(4, (int?)merged["spec"]!["numVfs"]);
        Assert.Contains(merged["metadata"]!["managedFields"]!.AsArray(),
            m => (string?)m!["manager"] == "test-op" && (string?)m["operation"] == "Apply");

        var noManager = await StatusOfAsync(() => h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch(second, V1Patch.PatchType.ApplyPatch), Group, CrVersion, Ns, Plural, "p1"));
        Assert.Equal(400, (int?)noManager["code"]);
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_415()
    {
        await using var h = await StartAsync("memory");
        await h.CreatePolicyAsync(Policy("p1"));
        var status = await StatusOfAsync(() => h.Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
            new V1Patch("""{"spec":{"numVfs":1}}""", V1Patch.PatchType.StrategicMergePatch), Group, CrVersion, Ns, Plural, "p1"));
        Assert.Equal(415, (int?)status["code"]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Deleting_the_crd_deletes_its_objects_and_stops_serving_them(string mode)
    {
        await using var h = await StartAsync(mode);
        await h.CreatePolicyAsync(Policy("p1"));
        var crdName = $"{Plural}.{Group}";
        var crd = await h.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crdName);
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Contains("customresourcecleanup.apiextensions.k8s.io", crd.Metadata.Finalizers);

        await h.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crdName);
        await h.Emulator.WaitForControllersAsync();
        var gone = await StatusOfAsync(() => h.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crdName));
        Assert.Equal(404, (int?)gone["code"]);
        var notServed = await StatusOfAsync(() => h.GetPolicyAsync("p1"));
        Assert.Equal(404, (int?)notServed["code"]);
        Assert.Equal("the server could not find the requested resource", (string?)notServed["message"]);
    }

    [Fact]
    public async Task Invalid_crds_are_refused_with_field_paths()
    {
        await using var h = await StartAsync("memory");
        var status = await StatusOfAsync(() => h.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            new V1CustomResourceDefinition
            {
                Metadata = new V1ObjectMeta { Name = "things.wrong.io" },
                Spec = new V1CustomResourceDefinitionSpec
                {
                    Group = "example.io",
                    Scope = "Namespaced",
                    Names = new V1CustomResourceDefinitionNames { Plural = "things", Kind = "Thing" },
                    Versions =
                    [
                        new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true },
                        new V1CustomResourceDefinitionVersion { Name = "v2", Served = true, Storage = true },
                    ],
                },
            }));
        var fields = status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("spec.versions", fields);
    }
}
