using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Patch;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// PATCH to an object or its status: JSON merge patch, JSON patch, strategic merge patch (built-in kinds; merged with
/// a table of merge keys) and server-side apply (a merge, creating the object if it does not exist). A patch that
/// sets <c>metadata.resourceVersion</c> makes it a precondition (409 when stale).
/// </summary>
internal sealed class PatchOperation
{
    private readonly ApiContext _ctx;
    private readonly ObjectWriter _writer;
    private readonly CreateOperation _create;

    public PatchOperation(ApiContext ctx, ObjectWriter writer, CreateOperation create)
    {
        _ctx = ctx;
        _writer = writer;
        _create = create;
    }

    public WriteResult Patch(ResourceType rt, string ns, string name, PatchType type, string body, string? subresource,
        WriteOptions options, List<string> warnings)
    {
        var patch = Parse(type, body);
        if (type == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiErrors.BadRequest("PATCH requests with apply content type must specify a fieldManager");
        }

        if (type == PatchType.Strategic && rt.IsCustom)
        {
            throw new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: " +
                "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml " +
                "(strategic merge patch is not supported for custom resources)");
        }

        lock (_ctx.Store.Gate)
        {
            var current = _ctx.Store.Get(rt.StorageKey, ns, name);
            if (current is null)
            {
                if (type == PatchType.Apply && subresource is null && patch is JsonObject applied)
                {
                    UpdateOperation.CheckIdentity(rt, ns, name, applied);
                    return _create.Create(rt, ns, applied, options, warnings, "Apply");
                }

                throw ApiErrors.NotFound(rt, name);
            }

            var view = TypeMeta.ToVersion(current, rt);
            var patched = type switch
            {
                PatchType.Merge => JsonMergePatch.Apply(view, patch),
                PatchType.Json => JsonPatch.Apply(view, patch),
                PatchType.Strategic => StrategicMergePatch.Apply(view, patch, BuiltinMergeKeys.For),
                _ => StrategicMergePatch.Apply(view, patch, ApplyRules(rt)),
            } as JsonObject ?? throw ApiErrors.BadRequest("the patch must leave an object");

            TypeMeta.CheckAndFill(patched, rt);
            UpdateOperation.CheckIdentity(rt, ns, name, patched);
            UpdateOperation.CheckResourceVersion(rt, current, patched);
            var next = ObjectWriter.Compose(current, patched, subresource, rt);
            return _writer.CommitUpdate(rt, current, next, options, warnings,
                type == PatchType.Apply ? "Apply" : "Update", subresource, patch as JsonObject ?? patched);
        }
    }

    // Apply merges lists as the schema's list types say; metadata lists (finalizers, owner references) as built-ins.
    private static Func<string, ListMerge?> ApplyRules(ResourceType rt)
    {
        if (!rt.IsCustom)
        {
            return BuiltinMergeKeys.For;
        }

        var fromSchema = SchemaMergeKeys.For(rt.Schema);
        return path => path.StartsWith("metadata.", StringComparison.Ordinal) ? BuiltinMergeKeys.For(path) : fromSchema(path);
    }

    private static JsonNode? Parse(PatchType type, string body)
    {
        if (type == PatchType.Apply)
        {
            return YamlJson.Parse(body);
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {e.Message}");
        }
    }
}
