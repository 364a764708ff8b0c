using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sriov.Api.Manifests;

/// <summary>
/// Converts YAML nodes to JSON the way kubectl does (sigs.k8s.io/yaml over go-yaml v2, i.e. YAML 1.1 scalars):
/// unquoted <c>on</c>/<c>off</c>/<c>yes</c>/<c>no</c>/<c>y</c>/<c>n</c> are booleans, <c>0x1F</c> and <c>017</c>
/// are integers, <c>~</c> and empty values are null; quoted and block scalars are always strings; <c>&lt;&lt;</c>
/// merge keys are honoured.
/// </summary>
internal static partial class YamlToJson
{
    private const string MergeKey = "<<";

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        var merged = new List<YamlNode>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode keyScalar)
            {
                throw new YamlException(keyNode.Start, keyNode.End, "mapping keys must be scalars");
            }

            var key = keyScalar.Value ?? "";
            if (key == MergeKey && keyScalar.Style == ScalarStyle.Plain)
            {
                merged.Add(valueNode);
                continue;
            }

            // Duplicate keys never get here: YamlStream.Load rejects them, as kubectl does.
            obj[key] = Convert(valueNode);
        }

        // YAML 1.1 merge keys: keys written in the mapping itself win over merged ones.
        foreach (var source in merged)
        {
            var sources = source is YamlSequenceNode seq ? seq.Children : [source];
            foreach (var s in sources)
            {
                if (Convert(s) is not JsonObject from)
                {
                    throw new YamlException(s.Start, s.End, "a << merge value must be a mapping or a list of mappings");
                }

                foreach (var (k, v) in from.ToList())
                {
                    if (!obj.ContainsKey(k))
                    {
                        from.Remove(k);
                        obj[k] = v;
                    }
                }
            }
        }

        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style != ScalarStyle.Plain))
        {
            return JsonValue.Create(text);
        }

        return tag switch
        {
            null => ResolvePlain(text),
            "tag:yaml.org,2002:null" => null,
            "tag:yaml.org,2002:bool" => ResolveBool(text) is { } b ? JsonValue.Create(b) : throw Bad(scalar, "!!bool"),
            "tag:yaml.org,2002:int" => ResolveInteger(text) ?? throw Bad(scalar, "!!int"),
            "tag:yaml.org,2002:float" => ResolveFloat(text) ?? ResolveInteger(text) ?? throw Bad(scalar, "!!float"),
            _ => JsonValue.Create(text),
        };
    }

    private static YamlException Bad(YamlScalarNode scalar, string tag) =>
        new(scalar.Start, scalar.End, $"\"{scalar.Value}\" is not a valid {tag}");

    private static JsonValue? ResolvePlain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (ResolveBool(text) is { } b)
        {
            return JsonValue.Create(b);
        }

        return ResolveInteger(text) ?? ResolveFloat(text) ?? JsonValue.Create(text);
    }

    private static bool? ResolveBool(string text) => text switch
    {
        "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" => true,
        "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    private static JsonValue? ResolveInteger(string text)
    {
        if (!IntegerPattern().IsMatch(text))
        {
            return null;
        }

        var s = text.Replace("_", "", StringComparison.Ordinal);
        var negative = s.StartsWith('-');
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        ulong magnitude;
        try
        {
            if (s.StartsWith("0x", StringComparison.Ordinal))
            {
                magnitude = System.Convert.ToUInt64(s[2..], 16);
            }
            else if (s.StartsWith("0b", StringComparison.Ordinal))
            {
                magnitude = System.Convert.ToUInt64(s[2..], 2);
            }
            else if (s.Length > 1 && s[0] == '0')
            {
                magnitude = System.Convert.ToUInt64(s, 8);
            }
            else
            {
                magnitude = ulong.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            // e.g. "089": not octal; go-yaml then tries it as a float.
            return null;
        }

        if (negative)
        {
            return magnitude <= (ulong)long.MaxValue + 1 ? JsonValue.Create(unchecked(-(long)magnitude)) : null;
        }

        return magnitude <= long.MaxValue ? JsonValue.Create((long)magnitude) : JsonValue.Create(magnitude);
    }

    private static JsonValue? ResolveFloat(string text)
    {
        if (!FloatPattern().IsMatch(text))
        {
            return null;
        }

        var d = double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(d) ? JsonValue.Create(d) : null;
    }

    [GeneratedRegex("^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
