using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// Keeps <c>metadata.managedFields</c>: one entry per manager, operation (Update or Apply) and subresource, whose
/// <c>fieldsV1</c> lists the fields the request body set. This is bookkeeping only: the emulator does not detect
/// apply conflicts between managers nor remove fields a manager stopped applying.
/// </summary>
internal static class ManagedFields
{
    private static readonly HashSet<string> SystemMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName",
    ];

    public static void Record(JsonObject obj, string manager, string operation, string apiVersion,
        JsonObject? source, string? subresource, DateTimeOffset now)
    {
        var meta = ObjectMeta.Of(obj);
        var entries = meta["managedFields"] as JsonArray ?? [];
        var kept = entries.OfType<JsonObject>().Where(e =>
            ObjectMeta.StrOf(e, "manager") != manager || ObjectMeta.StrOf(e, "operation") != operation
            || ObjectMeta.StrOf(e, "subresource") != (subresource ?? "")).Select(e => e.DeepClone()).ToList();
        var fields = source is null ? [] : FieldSet(source, root: true);
        if (fields.Count > 0)
        {
            var entry = new JsonObject
            {
                ["manager"] = manager,
                ["operation"] = operation,
                ["apiVersion"] = apiVersion,
                ["time"] = ObjectMeta.Timestamp(now),
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = fields,
            };
            if (subresource is not null)
            {
                entry["subresource"] = subresource;
            }

            kept.Add(entry);
        }

        if (kept.Count == 0)
        {
            meta.Remove("managedFields");
        }
        else
        {
            meta["managedFields"] = new JsonArray([.. kept]);
        }
    }

    private static JsonObject FieldSet(JsonObject source, bool root)
    {
        var set = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (root && key is "apiVersion" or "kind")
            {
                continue;
            }

            if (root && key == "metadata" && value is JsonObject meta)
            {
                var metaSet = FieldSet(new JsonObject(meta.Where(kv => !SystemMetadata.Contains(kv.Key))
                    .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))), root: false);
                if (metaSet.Count > 0)
                {
                    set["f:metadata"] = metaSet;
                }

                continue;
            }

            var child = value is JsonObject obj ? FieldSet(obj, root: false) : [];
            if (value is JsonObject)
            {
                child.Insert(0, ".", new JsonObject());
            }

            set[$"f:{key}"] = child;
        }

        return set;
    }
}
