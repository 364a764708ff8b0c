using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Schema;

/// <summary>Reads the keywords of an OpenAPI v3 schema node (a CRD's <c>openAPIV3Schema</c> or a part of it).</summary>
internal static class SchemaNode
{
    public static string? Type(JsonObject schema) => Str(schema, "type");

    public static JsonObject? Properties(JsonObject schema) => schema["properties"] as JsonObject;

    public static JsonObject? Property(JsonObject schema, string name) => Properties(schema)?[name] as JsonObject;

    public static JsonObject? Items(JsonObject schema) => schema["items"] as JsonObject;

    /// <summary><c>additionalProperties</c> as a schema, or null when absent or boolean.</summary>
    public static JsonObject? AdditionalSchema(JsonObject schema) => schema["additionalProperties"] as JsonObject;

    public static bool AdditionalAllowed(JsonObject schema) =>
        schema["additionalProperties"] is JsonObject || Flag(schema, "additionalProperties");

    public static bool PreserveUnknown(JsonObject schema) => Flag(schema, "x-kubernetes-preserve-unknown-fields");

    public static bool IntOrString(JsonObject schema) => Flag(schema, "x-kubernetes-int-or-string");

    public static bool Nullable(JsonObject schema) => Flag(schema, "nullable");

    public static bool EmbeddedResource(JsonObject schema) => Flag(schema, "x-kubernetes-embedded-resource");

    public static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static string? Str(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static decimal? Number(JsonObject schema, string name) =>
        schema[name] is JsonValue v ? AsNumber(v) : null;

    /// <summary>A JSON number as a decimal (null if not a number or out of decimal's range).</summary>
    public static decimal? AsNumber(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>The JSON type name of a value, with integral numbers as <c>integer</c>.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => AsNumber(v) is { } d && d == decimal.Truncate(d) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>JSON equality with numbers compared by value (1 equals 1.0), as Go's unstructured values do.</summary>
    public static bool ValueEquals(JsonNode? a, JsonNode? b) =>
        AsNumber(a) is { } x && AsNumber(b) is { } y ? x == y : JsonNode.DeepEquals(a, b);

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
