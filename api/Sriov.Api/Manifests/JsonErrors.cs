using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sriov.Api.Manifests;

/// <summary>
/// Turns System.Text.Json's type errors into messages about the manifest: the field path, the value found and what
/// was expected, with a hint for the YAML traps that cause most of them.
/// </summary>
internal static partial class JsonErrors
{
    public static string Describe(JsonException e, JsonNode root)
    {
        var path = ToFieldPath(e.Path);
        var value = Lookup(root, e.Path);
        var expected = ConvertedTo().Match(e.Message) is { Success: true } m ? Expected(m.Groups[1].Value) : null;
        if (expected is null)
        {
            var reason = e.Message.Split(" Path:", 2)[0];
            return path.Length == 0 ? reason : $"{path}: {reason}";
        }

        var found = value switch
        {
            null => "null",
            JsonObject => "a mapping",
            JsonArray => "a list",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the string \"{v}\"",
            _ => value.ToJsonString(),
        };
        var hint = (expected, value?.GetValueKind()) switch
        {
            ("a string", JsonValueKind.True or JsonValueKind.False) =>
                "; YAML reads unquoted on/off/yes/no/true/false as booleans: quote the value",
            ("a string", JsonValueKind.Number) =>
                "; quote values that are strings but look like numbers, e.g. vendor: \"8086\"",
            _ => "",
        };
        return $"{path}: expected {expected}, found {found}{hint}";
    }

    private static string? Expected(string typeName)
    {
        if (typeName.Contains("System.String", StringComparison.Ordinal) && !typeName.Contains("Dictionary", StringComparison.Ordinal)
            && !typeName.Contains("List", StringComparison.Ordinal))
        {
            return "a string";
        }

        if (typeName.Contains("Dictionary", StringComparison.Ordinal))
        {
            return "a mapping";
        }

        if (typeName.Contains("List", StringComparison.Ordinal))
        {
            return "a list";
        }

        if (typeName.Contains("Int32", StringComparison.Ordinal) || typeName.Contains("Int64", StringComparison.Ordinal))
        {
            return "an integer";
        }

        if (typeName.Contains("Boolean", StringComparison.Ordinal))
        {
            return "true or false";
        }

        return typeName.StartsWith("Sriov.", StringComparison.Ordinal) || typeName.StartsWith("k8s.", StringComparison.Ordinal)
            ? "a mapping"
            : null;
    }

    /// <summary><c>$.spec.pfNames[0]</c> → <c>spec.pfNames[0]</c>; <c>$['a.b']</c> → <c>a.b</c>.</summary>
    private static string ToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath))
        {
            return "";
        }

        return string.Join("", Segments(jsonPath).Select((s, i) => s.Index is { } n ? $"[{n}]" : (i == 0 ? s.Name : "." + s.Name)));
    }

    private static JsonNode? Lookup(JsonNode root, string? jsonPath)
    {
        JsonNode? node = root;
        foreach (var segment in Segments(jsonPath ?? ""))
        {
            node = segment.Index is { } i
                ? node is JsonArray a && i < a.Count ? a[i] : null
                : node is JsonObject o ? o[segment.Name!] : null;
        }

        return node;
    }

    private static IEnumerable<(string? Name, int? Index)> Segments(string jsonPath)
    {
        foreach (Match m in PathSegment().Matches(jsonPath))
        {
            if (m.Groups["name"].Success)
            {
                yield return (m.Groups["name"].Value, null);
            }
            else if (m.Groups["quoted"].Success)
            {
                yield return (m.Groups["quoted"].Value, null);
            }
            else
            {
                yield return (null, int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"could not be converted to ([^\s.]+(?:\.[^\s.]+)*)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
