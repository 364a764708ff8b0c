using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;

namespace Sriov.Sim.ApiServer.Patch;

/// <summary>
/// Strategic merge patch as kubectl sends it for built-in kinds: a JSON merge patch whose lists with a merge rule
/// merge element by element, plus the directives <c>$patch</c> (replace/delete/merge), <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>. Server-side apply reuses the
/// same merge with rules taken from the CRD schema.
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, Func<string, ListMerge?> rules) =>
        Merge(target, patch, rules, "");

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, Func<string, ListMerge?> rules, string path)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        switch (Directive(patchObject))
        {
            case "replace":
                return WithoutDirectives(patchObject);
            case "delete":
                return null;
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray([.. list.Where(i => !remove.Any(r => JsonNode.DeepEquals(i, r)))
                        .Select(i => i?.DeepClone())]);
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonArray patchList && rules(childPath) is { } rule)
            {
                result[key] = MergeList(result[key] as JsonArray, patchList, rule, rules, childPath,
                    patchObject[SetElementOrder + key] as JsonArray);
            }
            else
            {
                var merged = Merge(result[key], value, rules, childPath);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
        }

        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, ListMerge rule,
        Func<string, ListMerge?> rules, string path, JsonArray? order)
    {
        var items = target?.Select(i => i?.DeepClone()).ToList() ?? [];
        if (rule.Key is null)
        {
            // A set of scalars: add what is missing, keep the rest.
            foreach (var value in patch.Where(v => !items.Any(i => JsonNode.DeepEquals(i, v))))
            {
                items.Add(value?.DeepClone());
            }
        }
        else
        {
            foreach (var element in patch)
            {
                if (element is not JsonObject patchItem || patchItem[rule.Key] is not { } keyValue)
                {
                    throw ApiErrors.BadRequest(
                        $"strategic merge patch: an element of {path} lacks its merge key \"{rule.Key}\"");
                }

                var at = items.FindIndex(i => i is JsonObject o && JsonNode.DeepEquals(o[rule.Key], keyValue));
                if (Directive(patchItem) == "delete")
                {
                    if (at >= 0)
                    {
                        items.RemoveAt(at);
                    }
                }
                else if (at >= 0)
                {
                    items[at] = Merge(items[at], patchItem, rules, path + "[]");
                }
                else
                {
                    items.Add(Merge(null, patchItem, rules, path + "[]"));
                }
            }
        }

        if (order is not null)
        {
            items = Reorder(items, order, rule.Key);
        }

        return new JsonArray([.. items]);
    }

    // Elements named in $setElementOrder come first in that order; the others keep their relative order after them.
    private static List<JsonNode?> Reorder(List<JsonNode?> items, JsonArray order, string? key)
    {
        JsonNode? Id(JsonNode? n) => key is null ? n : (n as JsonObject)?[key];
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FirstOrDefault(i => JsonNode.DeepEquals(Id(i), Id(wanted)));
            if (match is not null)
            {
                ordered.Add(match);
            }
        }

        ordered.AddRange(items.Where(i => !ordered.Contains(i)));
        return ordered;
    }

    private static string? Directive(JsonObject obj) =>
        obj["$patch"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject WithoutDirectives(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        foreach (var key in copy.Select(kv => kv.Key).Where(k => k.StartsWith('$')).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }
}
