using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Objects;

/// <summary>
/// Reads integers from JSON values whatever their backing type: a parsed value holds a JsonElement, one set in code an
/// int or a long, and <c>JsonValue.TryGetValue&lt;long&gt;</c> does not convert between those.
/// </summary>
internal static class JsonNumber
{
    public static bool TryGetLong(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
               && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
