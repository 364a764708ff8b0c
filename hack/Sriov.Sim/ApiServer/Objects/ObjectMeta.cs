using System.Globalization;
using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Objects;

/// <summary>
/// Reads and writes the <c>metadata</c> of an object held as JSON. The emulator keeps every object as a
/// <see cref="JsonObject"/> so that custom resources and built-in kinds share one code path, as the API server's
/// unstructured storage does.
/// </summary>
internal static class ObjectMeta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string Name(JsonObject obj) => Str(obj, "name");

    public static string Namespace(JsonObject obj) => Str(obj, "namespace");

    public static string Uid(JsonObject obj) => Str(obj, "uid");

    public static string ResourceVersion(JsonObject obj) => Str(obj, "resourceVersion");

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is JsonValue;

    public static long Generation(JsonObject obj) =>
        JsonNumber.TryGetLong(obj["metadata"]?["generation"], out var g) ? g : 0;

    public static string Str(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static void Set(JsonObject obj, string field, JsonNode? value) => Of(obj)[field] = value;

    public static void SetResourceVersion(JsonObject obj, long revision) =>
        Of(obj)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>The labels as a dictionary; values that are not strings are ignored (validation rejects them).</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject map)
        {
            foreach (var (k, v) in map)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    result[k] = s;
                }
            }
        }

        return result;
    }

    public static List<string> Finalizers(JsonObject obj) => StringList(obj["metadata"]?["finalizers"]);

    public static List<string> StringList(JsonNode? node)
    {
        var result = new List<string>();
        if (node is JsonArray arr)
        {
            foreach (var item in arr)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    /// <summary>Replaces the finalizers; an empty list removes the field, as the API server omits empty lists.</summary>
    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var meta = Of(obj);
        if (finalizers.Count == 0)
        {
            meta.Remove("finalizers");
        }
        else
        {
            meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode?)JsonValue.Create(f))]);
        }
    }

    public static IReadOnlyList<OwnerReference> OwnerReferences(JsonObject obj)
    {
        var result = new List<OwnerReference>();
        if (obj["metadata"]?["ownerReferences"] is JsonArray refs)
        {
            foreach (var r in refs.OfType<JsonObject>())
            {
                result.Add(new OwnerReference(
                    StrOf(r, "apiVersion"), StrOf(r, "kind"), StrOf(r, "name"), StrOf(r, "uid"),
                    r["blockOwnerDeletion"] is JsonValue b && b.TryGetValue<bool>(out var block) && block,
                    r["controller"] is JsonValue c && c.TryGetValue<bool>(out var ctl) && ctl));
            }
        }

        return result;
    }

    public static string StrOf(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
