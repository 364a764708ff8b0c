using System.Globalization;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;

namespace Sriov.Sim.ApiServer.Patch;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) over RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw Invalid("a JSON patch must be an array of operations");
        }

        var root = target.DeepClone();
        var index = 0;
        foreach (var node in operations)
        {
            if (node is not JsonObject op)
            {
                throw Invalid($"operation {index} is not an object");
            }

            root = ApplyOne(root, op, index++);
        }

        return root;
    }

    private static JsonNode ApplyOne(JsonNode root, JsonObject op, int index)
    {
        var name = Str(op, "op", index);
        var path = Str(op, "path", index);
        switch (name)
        {
            case "add":
                return Add(root, path, Value(op, index));
            case "remove":
                Remove(root, path);
                return root;
            case "replace":
                Remove(root, path);
                return Add(root, path, Value(op, index));
            case "move":
            {
                var from = Str(op, "from", index);
                var moved = Get(root, from)?.DeepClone();
                Remove(root, from);
                return Add(root, path, moved);
            }

            case "copy":
                return Add(root, path, Get(root, Str(op, "from", index))?.DeepClone());
            case "test":
            {
                var actual = Get(root, path);
                if (!JsonNode.DeepEquals(actual, op["value"]))
                {
                    throw Invalid($"testing value {path} failed: expected {op["value"]?.ToJsonString() ?? "null"}, " +
                                  $"found {actual?.ToJsonString() ?? "null"}");
                }

                return root;
            }

            default:
                throw Invalid($"operation {index}: unsupported op \"{name}\"");
        }
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw Invalid("cannot replace the whole document with null");
        }

        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray arr:
                var at = last == "-" ? arr.Count : ArrayIndex(last, arr.Count + 1, path);
                arr.Insert(at, value);
                break;
            default:
                throw Invalid($"add operation does not apply: doc is missing path: \"{path}\"");
        }

        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray arr:
                arr.RemoveAt(ArrayIndex(last, arr.Count, path));
                break;
            default:
                throw Invalid($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        if (path.Length == 0)
        {
            return root;
        }

        var (parent, last) = Parent(root, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(last, out var v) => v,
            JsonArray arr => arr[ArrayIndex(last, arr.Count, path)],
            _ => throw Invalid($"doc is missing path: \"{path}\""),
        };
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode root, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw Invalid($"invalid JSON pointer \"{path}\": must start with '/'");
        }

        var parts = path[1..].Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal)
            .Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[part],
                JsonArray arr => arr[ArrayIndex(part, arr.Count, path)],
                _ => null,
            };
            if (node is null)
            {
                throw Invalid($"doc is missing path: \"{path}\"");
            }
        }

        return (node, parts[^1]);
    }

    private static int ArrayIndex(string part, int limit, string path) =>
        int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < limit
            ? i
            : throw Invalid($"index \"{part}\" is out of range in \"{path}\"");

    private static string Str(JsonObject op, string field, int index) =>
        op[field] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw Invalid($"operation {index}: missing \"{field}\"");

    private static JsonNode? Value(JsonObject op, int index) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw Invalid($"operation {index}: missing \"value\"");

    private static ApiException Invalid(string message) => new(422, "Invalid", $"the JSON patch is invalid: {message}");
}
