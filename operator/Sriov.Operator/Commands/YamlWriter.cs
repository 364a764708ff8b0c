using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Api.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sriov.Operator.Commands;

/// <summary>
/// Writes JSON as YAML that kubectl reads back to the same JSON: strings that YAML 1.1 would read as something else
/// (<c>"true"</c>, <c>"on"</c>, <c>"8086"</c>, <c>""</c>) are quoted, multi-line strings use literal blocks.
/// </summary>
internal static class YamlWriter
{
    public static string Write(JsonNode? node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with "...": drop it, the output is a single document.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            case JsonObject obj:
                var map = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    map.Add(String(key), ToYaml(value));
                }

                return map;
            case JsonArray arr:
                return new YamlSequenceNode(arr.Select(ToYaml));
            default:
                return node.GetValueKind() == JsonValueKind.String
                    ? String(node.GetValue<string>())
                    : new YamlScalarNode(node.ToJsonString()) { Style = ScalarStyle.Plain };
        }
    }

    private static YamlScalarNode String(string s)
    {
        if (s.Contains('\n', StringComparison.Ordinal) && !s.Contains('\t', StringComparison.Ordinal) && !s.Contains(" \n", StringComparison.Ordinal))
        {
            return new YamlScalarNode(s) { Style = ScalarStyle.Literal };
        }

        return new YamlScalarNode(s) { Style = IsPlainSafe(s) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
    }

    /// <summary>A string may be written unquoted when reading it back yields the same string.</summary>
    private static bool IsPlainSafe(string s)
    {
        if (s.Length == 0 || s != s.Trim() || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal)
            // ':' also guards values such as PCI addresses that YAML 1.1 parsers other than kubectl's read as base-60 numbers.
            || s.Contains(':', StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal)
            || s.Any(c => char.IsControl(c)))
        {
            return false;
        }

        // Round-trip through our reader: anything that does not come back as this string needs quotes.
        var back = ManifestReader.Read("k: " + s, "yaml-check");
        return back.Count == 1 && back[0].Json["k"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == s;
    }
}
