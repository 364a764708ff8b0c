using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sriov.Api.Schema;

/// <summary>
/// One pass of prune → default → validate over an object, following the structural-schema rules of
/// apiextensions-apiserver for the keywords our CRDs use.
/// </summary>
internal sealed class SchemaWalker
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public List<string> Errors { get; } = [];

    public List<string> Pruned { get; } = [];

    public void Walk(JsonNode node, JsonObject schema, string path, bool isRoot = false)
    {
        if (Bool(schema, "x-kubernetes-int-or-string"))
        {
            if (!IsInteger(node) && Kind(node) != JsonValueKind.String)
            {
                Errors.Add($"{Name(path)}: must be an integer or a string, found {Describe(node)}");
            }

            return;
        }

        var type = (string?)schema["type"];
        if (type is not null && !HasType(node, type))
        {
            Errors.Add($"{Name(path)}: must be {Article(type)}, found {Describe(node)}{Hint(type, node)}");
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                WalkObject(obj, schema, path, isRoot);
                break;
            case JsonArray array:
                WalkArray(array, schema, path);
                break;
            case JsonValue value:
                CheckValue(value, schema, path);
                break;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var list = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
            Errors.Add($"{Name(path)}: {node.ToJsonString()} is not one of the allowed values {list}");
        }
    }

    private void WalkObject(JsonObject obj, JsonObject schema, string path, bool isRoot)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = Bool(schema, "x-kubernetes-preserve-unknown-fields");

        foreach (var (key, value) in obj.ToList())
        {
            var childPath = additional is not null && properties is null ? $"{path}[{key}]" : Join(path, key);
            if (value is null)
            {
                // Nulls of non-nullable fields are dropped before defaulting, as the API server does.
                obj.Remove(key);
                continue;
            }

            if (isRoot && key == "metadata")
            {
                continue; // ObjectMeta is validated by the API server itself, not by the CRD schema.
            }

            if (properties?[key] is JsonObject propertySchema)
            {
                Walk(value, propertySchema, childPath);
            }
            else if (additional is not null)
            {
                Walk(value, additional, childPath);
            }
            else if (!preserve)
            {
                obj.Remove(key);
                Pruned.Add(childPath);
            }
        }

        if (properties is not null)
        {
            foreach (var (key, propertySchema) in properties)
            {
                if (!obj.ContainsKey(key) && propertySchema?["default"] is { } def)
                {
                    obj[key] = def.DeepClone();
                }
            }
        }

        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            var key = (string)required!;
            if (!obj.ContainsKey(key))
            {
                Errors.Add($"{Join(path, key)}: is required");
            }
        }

        CheckCount(obj.Count, schema, path, "minProperties", "maxProperties", "properties");
    }

    private void WalkArray(JsonArray array, JsonObject schema, string path)
    {
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is null)
                {
                    Errors.Add($"{Name(path)}[{i}]: must be {Article((string?)items["type"] ?? "a value")}, found null");
                    continue;
                }

                Walk(array[i]!, items, $"{path}[{i}]");
            }
        }

        CheckCount(array.Count, schema, path, "minItems", "maxItems", "items");
        if ((string?)schema["x-kubernetes-list-type"] == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < array.Count; i++)
            {
                var id = string.Join("/", keys.Select(k => array[i]?[(string)k!]?.ToJsonString()));
                if (!seen.Add(id))
                {
                    Errors.Add($"{Name(path)}[{i}]: duplicate entry with key {id}");
                }
            }
        }
    }

    private void CheckValue(JsonValue value, JsonObject schema, string path)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var n = AsDouble(value);
            if (schema["minimum"] is JsonValue min && n < AsDouble(min))
            {
                Errors.Add($"{Name(path)}: must be greater than or equal to {min}, found {value.ToJsonString()}");
            }

            if (schema["maximum"] is JsonValue max && n > AsDouble(max))
            {
                Errors.Add($"{Name(path)}: must be less than or equal to {max}, found {value.ToJsonString()}");
            }
        }
        else if (value.GetValueKind() == JsonValueKind.String)
        {
            var s = value.GetValue<string>();
            var length = new StringInfo(s).LengthInTextElements;
            if (schema["minLength"] is JsonValue minLength && length < AsDouble(minLength))
            {
                Errors.Add($"{Name(path)}: must be at least {minLength} characters long, found \"{s}\"");
            }

            if (schema["maxLength"] is JsonValue maxLength && length > AsDouble(maxLength))
            {
                Errors.Add($"{Name(path)}: must be at most {maxLength} characters long, found {length} characters");
            }

            if ((string?)schema["pattern"] is { } pattern && !Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant)).IsMatch(s))
            {
                Errors.Add($"{Name(path)}: \"{s}\" does not match the pattern {pattern}");
            }

            if ((string?)schema["format"] == "date-time" && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                Errors.Add($"{Name(path)}: \"{s}\" is not an RFC 3339 date-time");
            }
        }
    }

    private void CheckCount(int count, JsonObject schema, string path, string minKey, string maxKey, string what)
    {
        if (schema[minKey] is JsonValue min && count < AsDouble(min))
        {
            Errors.Add($"{Name(path)}: must have at least {min} {what}, found {count}");
        }

        if (schema[maxKey] is JsonValue max && count > AsDouble(max))
        {
            Errors.Add($"{Name(path)}: must have at most {max} {what}, found {count}");
        }
    }

    private static bool HasType(JsonNode node, string type) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => Kind(node) == JsonValueKind.String,
        "boolean" => Kind(node) is JsonValueKind.True or JsonValueKind.False,
        "integer" => IsInteger(node),
        "number" => Kind(node) == JsonValueKind.Number,
        _ => true,
    };

    private static bool IsInteger(JsonNode node) =>
        Kind(node) == JsonValueKind.Number && AsDouble(node) is var d && d == Math.Floor(d) && !double.IsInfinity(d);

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();

    /// <summary>A JSON number as a double, whatever CLR type the node holds (long from YAML, JsonElement from JSON).</summary>
    private static double AsDouble(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Bool(JsonObject schema, string key) => schema[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Name(string path) => path.Length == 0 ? "(object)" : path;

    private static string Article(string type) => type switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "integer" => "an integer",
        "boolean" => "true or false",
        _ => "a " + type,
    };

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ when Kind(node) == JsonValueKind.String => $"the string {node.ToJsonString()}",
        _ when Kind(node) == JsonValueKind.Number => $"the number {node.ToJsonString()}",
        _ => node.ToJsonString(),
    };

    /// <summary>The YAML traps behind most type errors in hand-written manifests.</summary>
    private static string Hint(string expected, JsonNode node) => (expected, Kind(node)) switch
    {
        ("string", JsonValueKind.True or JsonValueKind.False) =>
            " (YAML reads unquoted on/off/yes/no/true/false as booleans: quote the value)",
        ("string", JsonValueKind.Number) =>
            " (quote values that are strings but look like numbers, e.g. vendor: \"8086\")",
        ("integer", JsonValueKind.String) => " (remove the quotes)",
        _ => "",
    };
}
