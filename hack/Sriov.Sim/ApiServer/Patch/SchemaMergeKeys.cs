using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Schema;

namespace Sriov.Sim.ApiServer.Patch;

/// <summary>
/// List merge rules of a custom resource for server-side apply, from its schema: <c>x-kubernetes-list-type: map</c>
/// merges by the first of <c>x-kubernetes-list-map-keys</c>, <c>set</c> merges as a set, anything else replaces.
/// </summary>
internal static class SchemaMergeKeys
{
    public static Func<string, ListMerge?> For(JsonObject? schema) => path =>
    {
        if (schema is null)
        {
            return null;
        }

        JsonObject? node = schema;
        foreach (var part in path.Split('.'))
        {
            var field = part.EndsWith("[]", StringComparison.Ordinal) ? part[..^2] : part;
            node = node is null ? null : SchemaNode.Property(node, field) ?? SchemaNode.AdditionalSchema(node);
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node is null ? null : SchemaNode.Items(node);
            }
        }

        if (node is null)
        {
            return null;
        }

        var firstKey = ObjectMeta.StringList(node["x-kubernetes-list-map-keys"]).FirstOrDefault();
        return SchemaNode.Str(node, "x-kubernetes-list-type") switch
        {
            "map" when firstKey is not null => new ListMerge(firstKey),
            "set" => new ListMerge(null),
            _ => null,
        };
    };
}
