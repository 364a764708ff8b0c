using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Objects;

/// <summary>Walks dotted field paths (<c>spec.nodeName</c>, <c>.spec.nodeName</c>) through a JSON object.</summary>
internal static class JsonPath
{
    public static JsonNode? Get(JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.TrimStart('.').Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The value at the path rendered as the API server renders field-selector values: strings as is,
    /// booleans and numbers in JSON form, anything missing as the empty string.</summary>
    public static string GetScalarString(JsonNode? node, string dottedPath) => Get(node, dottedPath) switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => "",
    };
}
