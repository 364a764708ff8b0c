using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Behaviors;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// The steps every create and update share: admission (prune, default, unknown-field policy), validation, the
/// generation rule, no-op detection, managedFields, and the commit, including the removal of a deleting object whose
/// last finalizer went away. Callers hold the store lock.
/// </summary>
internal sealed class ObjectWriter
{
    private static readonly string[] SystemFields =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields"];

    private readonly ApiContext _ctx;

    public ObjectWriter(ApiContext ctx) => _ctx = ctx;

    /// <summary>Prunes and defaults, applies the field-validation policy, and validates (400/422 on failure).</summary>
    public static void Admit(JsonObject obj, JsonObject? old, ResourceType rt, WriteOptions options, List<string> warnings)
    {
        var behavior = KindBehaviors.For(rt);
        var unknown = behavior.Admit(obj, rt);
        if (unknown.Count > 0)
        {
            var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            switch (options.FieldValidation)
            {
                case FieldValidation.Strict:
                    throw ApiErrors.BadRequest(
                        $"{rt.Kind} in version \"{rt.Version}\" cannot be handled as a {rt.Kind}: strict decoding error: {fields}");
                case FieldValidation.Warn:
                    warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
                    break;
            }
        }

        var errors = MetadataValidator.Validate(obj, rt);
        errors.AddRange(behavior.Validate(obj, old, rt));
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(rt, ObjectMeta.Name(obj), errors);
        }
    }

    /// <summary>Writes <paramref name="next"/> over the stored <paramref name="current"/>.</summary>
    public WriteResult CommitUpdate(ResourceType rt, JsonObject current, JsonObject next, WriteOptions options,
        List<string> warnings, string operation, string? subresource, JsonObject? fieldsSource)
    {
        var behavior = KindBehaviors.For(rt);
        var meta = ObjectMeta.Of(next);
        var currentMeta = ObjectMeta.Of(current);
        foreach (var field in SystemFields)
        {
            meta[field] = currentMeta[field]?.DeepClone();
            if (meta[field] is null)
            {
                meta.Remove(field);
            }
        }

        meta.Remove("selfLink");
        behavior.PrepareForUpdate(next, current, subresource, rt, _ctx);
        RefuseNewFinalizersWhileDeleting(rt, current, next);
        Admit(next, current, rt, options, warnings);
        if (rt.TracksGeneration && !JsonNode.DeepEquals(WithoutMetaAndStatus(current), WithoutMetaAndStatus(next)))
        {
            meta["generation"] = ObjectMeta.Generation(current) + 1;
        }

        TypeMeta.ToStorage(next, rt);
        if (Equivalent(current, next))
        {
            return new WriteResult(current, WriteOutcome.Unchanged);
        }

        ManagedFields.Record(next, options.Manager, operation, rt.ApiVersion, fieldsSource, subresource, _ctx.Now);
        var (ns, name) = (ObjectMeta.Namespace(current), ObjectMeta.Name(current));
        var removable = ObjectMeta.IsDeleting(next) && ObjectMeta.Finalizers(next).Count == 0
                        && !behavior.BlocksRemoval(next);
        if (options.DryRun)
        {
            return new WriteResult(next, removable ? WriteOutcome.Deleted : WriteOutcome.Updated);
        }

        if (removable)
        {
            // As the API server does, the update that empties the finalizers of a deleting object is not stored: the
            // object is deleted, and the DELETED event carries its last stored state.
            var deleted = _ctx.Store.Remove(rt.StorageKey, ns, name)!;
            return new WriteResult((JsonObject)deleted.Current.DeepClone(), WriteOutcome.Deleted);
        }

        var committed = _ctx.Store.Put(rt.StorageKey, ns, name, next);
        return new WriteResult((JsonObject)committed.Current.DeepClone(), WriteOutcome.Updated);
    }

    /// <summary>The object an update or patch body asks for: the body with the stored status (main resource), or the
    /// stored object with the body's status (status subresource).</summary>
    public static JsonObject Compose(JsonObject current, JsonObject body, string? subresource, ResourceType rt)
    {
        JsonObject next;
        if (subresource == "status")
        {
            next = (JsonObject)current.DeepClone();
            SetOrRemove(next, "status", body["status"]);
        }
        else if (subresource == "finalize")
        {
            next = (JsonObject)current.DeepClone();
            var spec = next["spec"] as JsonObject ?? [];
            SetOrRemove(spec, "finalizers", body["spec"]?["finalizers"]);
            next["spec"] = spec;
        }
        else
        {
            next = (JsonObject)body.DeepClone();
            if (rt.HasStatus)
            {
                SetOrRemove(next, "status", current["status"]);
            }
        }

        return next;
    }

    private static void SetOrRemove(JsonObject obj, string field, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(field);
        }
        else
        {
            obj[field] = value.DeepClone();
        }
    }

    private static void RefuseNewFinalizersWhileDeleting(ResourceType rt, JsonObject current, JsonObject next)
    {
        if (!ObjectMeta.IsDeleting(current))
        {
            return;
        }

        var added = ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(current)).ToList();
        if (added.Count > 0)
        {
            throw ApiErrors.Invalid(rt, ObjectMeta.Name(current),
            [
                FieldError.Forbidden("metadata.finalizers", "no new finalizers can be added if the object is being " +
                    $"deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}"),
            ]);
        }
    }

    private static JsonObject WithoutMetaAndStatus(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        copy.Remove("apiVersion");
        return copy;
    }

    private static bool Equivalent(JsonObject a, JsonObject b)
    {
        static JsonObject Normalize(JsonObject o)
        {
            var copy = (JsonObject)o.DeepClone();
            var meta = ObjectMeta.Of(copy);
            meta.Remove("resourceVersion");
            meta.Remove("managedFields");
            return copy;
        }

        return JsonNode.DeepEquals(Normalize(a), Normalize(b));
    }
}
