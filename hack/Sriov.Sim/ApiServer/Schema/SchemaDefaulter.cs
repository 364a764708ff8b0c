using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Schema;

/// <summary>
/// Applies a structural schema's <c>default</c>s as the API server does for custom resources: a missing property with a
/// default gets it, recursively (objects, array items, additionalProperties); a <c>null</c> in a property that is not
/// <c>nullable</c> is replaced by its default or dropped.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                ApplyObject(obj, schema);
                break;
            case JsonArray arr when SchemaNode.Items(schema) is { } items:
                foreach (var item in arr)
                {
                    Apply(item, items);
                }

                break;
        }
    }

    private static void ApplyObject(JsonObject obj, JsonObject schema)
    {
        if (SchemaNode.Properties(schema) is { } properties)
        {
            foreach (var (name, node) in properties)
            {
                if (node is not JsonObject property)
                {
                    continue;
                }

                var present = obj.TryGetPropertyValue(name, out var current);
                if (present && current is null && !SchemaNode.Nullable(property))
                {
                    obj.Remove(name);
                    present = false;
                }

                if (!present && property["default"] is { } value)
                {
                    obj[name] = value.DeepClone();
                }
            }
        }

        var additional = SchemaNode.AdditionalSchema(schema);
        foreach (var (key, child) in obj.ToList())
        {
            if ((SchemaNode.Property(schema, key) ?? additional) is { } childSchema)
            {
                Apply(child, childSchema);
            }
        }
    }
}
