using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>
/// Namespaces: created Active with the <c>kubernetes</c> finalizer in <c>spec.finalizers</c> and the
/// <c>kubernetes.io/metadata.name</c> label; a delete makes them Terminating, and they stay until the namespace
/// controller has deleted their content and emptied <c>spec.finalizers</c> (through <c>/finalize</c>).
/// </summary>
internal sealed class NamespaceBehavior : KindBehavior
{
    public const string MetadataNameLabel = "kubernetes.io/metadata.name";
    public const string Finalizer = "kubernetes";

    public override void PrepareForCreate(JsonObject obj, ResourceType rt, ApiContext ctx)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        spec["finalizers"] ??= new JsonArray(Finalizer);
        obj["spec"] = spec;
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        SetNameLabel(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string? subresource, ResourceType rt, ApiContext ctx)
    {
        // spec.finalizers changes only through the finalize subresource.
        if (subresource != "finalize" && old["spec"]?["finalizers"] is { } finalizers && obj["spec"] is JsonObject)
        {
            ((JsonObject)obj["spec"]!)["finalizers"] = finalizers.DeepClone();
        }

        SetNameLabel(obj);
    }

    public override void OnDeleteRequested(JsonObject obj) =>
        obj["status"] = new JsonObject { ["phase"] = "Terminating" };

    public override bool BlocksRemoval(JsonObject obj) => obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private static void SetNameLabel(JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
        var labels = meta["labels"] as JsonObject ?? [];
        labels[MetadataNameLabel] = ObjectMeta.Name(obj);
        meta["labels"] = labels;
    }
}
