using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Schema;

/// <summary>
/// Drops fields a structural schema does not declare, as the API server prunes custom resources, and reports their
/// paths (for <c>fieldValidation=Strict</c>/<c>Warn</c>). Kept: everything under
/// <c>x-kubernetes-preserve-unknown-fields</c> or <c>additionalProperties</c>; <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata</c> at the root and in embedded resources; only the standard ObjectMeta fields in the root metadata.
/// </summary>
internal static class SchemaPruner
{
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ];

    /// <summary>Prunes <paramref name="root"/> in place; returns the dropped fields' paths.</summary>
    public static IReadOnlyList<string> Prune(JsonObject root, JsonObject schema)
    {
        var pruned = new List<string>();
        PruneObject(root, schema, "", pruned, isResource: true);
        if (root["metadata"] is JsonObject meta)
        {
            foreach (var key in meta.Select(kv => kv.Key).Where(k => !ObjectMetaFields.Contains(k)).ToList())
            {
                meta.Remove(key);
                pruned.Add($"metadata.{key}");
            }
        }

        return pruned;
    }

    private static void Prune(JsonNode? value, JsonObject schema, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, pruned, SchemaNode.EmbeddedResource(schema));
                break;
            case JsonArray arr when SchemaNode.Items(schema) is { } items:
                for (var i = 0; i < arr.Count; i++)
                {
                    Prune(arr[i], items, $"{path}[{i}]", pruned);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> pruned, bool isResource)
    {
        var keep = SchemaNode.PreserveUnknown(schema) || SchemaNode.Flag(schema, "additionalProperties");
        var additional = SchemaNode.AdditionalSchema(schema);
        foreach (var key in obj.Select(kv => kv.Key).ToList())
        {
            if (isResource && key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var child = SchemaNode.Property(schema, key) ?? additional;
            if (child is not null)
            {
                Prune(obj[key], child, SchemaNode.Child(path, key), pruned);
            }
            else if (!keep)
            {
                obj.Remove(key);
                pruned.Add(SchemaNode.Child(path, key));
            }
        }
    }
}
