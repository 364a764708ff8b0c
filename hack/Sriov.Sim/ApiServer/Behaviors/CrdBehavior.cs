using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// CustomResourceDefinitions: validated, defaulted (singular, listKind), given the
/// <c>customresourcecleanup.apiextensions.k8s.io</c> finalizer, and reported Established at once (the real API server
/// takes a moment; here the resources are served as soon as the create returns).
/// </summary>
internal sealed class CrdBehavior : KindBehavior
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public override void PrepareForCreate(JsonObject obj, ResourceType rt, ApiContext ctx)
    {
        Default(obj);
        var finalizers = ObjectMeta.Finalizers(obj);
        if (!finalizers.Contains(CleanupFinalizer))
        {
            finalizers.Add(CleanupFinalizer);
            ObjectMeta.SetFinalizers(obj, finalizers);
        }

        obj["status"] = Status(obj, null, ctx);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string? subresource, ResourceType rt, ApiContext ctx)
    {
        Default(obj);
        obj["status"] = Status(obj, old["status"] as JsonObject, ctx);
    }

    public override IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? old, ResourceType rt) =>
        CrdTypes.Validate(obj);

    private static void Default(JsonObject crd)
    {
        if (crd["spec"]?["names"] is JsonObject names && ObjectMeta.StrOf(names, "kind") is { Length: > 0 } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }

        if (crd["spec"] is JsonObject spec)
        {
            spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        }
    }

    private static JsonObject Status(JsonObject crd, JsonObject? old, ApiContext ctx)
    {
        var now = ObjectMeta.Timestamp(ctx.Now);
        var stored = ObjectMeta.StringList(old?["storedVersions"]);
        if (crd["spec"]?["versions"] is JsonArray versions)
        {
            foreach (var v in versions.OfType<JsonObject>())
            {
                if (v["storage"] is JsonValue s && s.TryGetValue<bool>(out var isStorage) && isStorage
                    && ObjectMeta.StrOf(v, "name") is var name && !stored.Contains(name))
                {
                    stored.Add(name);
                }
            }
        }

        // Conditions keep their first transition time, so re-applying an unchanged CRD is a no-op.
        return new JsonObject
        {
            ["conditions"] = old?["conditions"]?.DeepClone() ?? new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. stored.Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
