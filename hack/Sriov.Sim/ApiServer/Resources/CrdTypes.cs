using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;

namespace Sriov.Sim.ApiServer.Resources;

/// <summary>
/// Reads a CustomResourceDefinition: validates it as the API server does (422 with field paths) and turns each served
/// version into a <see cref="ResourceType"/>.
/// </summary>
internal static class CrdTypes
{
    public static IReadOnlyList<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        var group = Str(spec, "group");
        var names = spec?["names"] as JsonObject;
        var plural = Str(names, "plural");
        var kind = Str(names, "kind");
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        else if (!group.Contains('.', StringComparison.Ordinal) || NameValidation.Subdomain(group) is not null)
        {
            errors.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }
        else if (NameValidation.Label(plural) is { } pluralError)
        {
            errors.Add(FieldError.Invalid("spec.names.plural", plural, pluralError));
        }

        if (kind.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }

        if (plural.Length > 0 && group.Length > 0 && ObjectMeta.Name(crd) != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", ObjectMeta.Name(crd), "must be spec.names.plural+\".\"+spec.group"));
        }

        if (Str(spec, "scope") is not ("Namespaced" or "Cluster"))
        {
            errors.Add(FieldError.NotSupported("spec.scope", spec?["scope"], ["Cluster", "Namespaced"]));
        }

        ValidateVersions(spec?["versions"] as JsonArray, errors);
        return errors;
    }

    /// <summary>The served versions of a valid CRD.</summary>
    public static IReadOnlyList<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!;
        var versions = ((JsonArray)spec["versions"]!).OfType<JsonObject>().ToList();
        var storage = versions.First(v => Flag(v, "storage"));
        return [.. versions.Where(v => Flag(v, "served")).Select(v => new ResourceType
        {
            Group = Str(spec, "group"),
            Version = Str(v, "name"),
            Kind = Str(names, "kind"),
            Plural = Str(names, "plural"),
            SingularName = Str(names, "singular") is { Length: > 0 } s ? s : null,
            Namespaced = Str(spec, "scope") == "Namespaced",
            ShortNames = ObjectMeta.StringList(names["shortNames"]),
            Categories = ObjectMeta.StringList(names["categories"]),
            HasStatus = v["subresources"]?["status"] is JsonObject,
            TracksGeneration = true,
            ClearsStatusOnCreate = v["subresources"]?["status"] is JsonObject,
            ReturnsDeletedObject = true,
            NameRule = NameRule.PathSegment,
            CrdName = ObjectMeta.Name(crd),
            Schema = v["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
            StorageVersion = Str(storage, "name"),
            FieldSelectors = ObjectMeta.StringList(v["selectableFields"] is JsonArray fields
                ? new JsonArray([.. fields.Select(f => (JsonNode?)JsonValue.Create(
                    ((string?)f?["jsonPath"] ?? "").TrimStart('.')))])
                : null).ToHashSet(StringComparer.Ordinal),
        })];
    }

    private static void ValidateVersions(JsonArray? versions, List<FieldError> errors)
    {
        if (versions is null || versions.Count == 0)
        {
            errors.Add(FieldError.Required("spec.versions", "must have exactly one version marked as storage version"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var name = Str(versions[i] as JsonObject, "name");
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].name"));
            }
            else if (!seen.Add(name))
            {
                errors.Add(FieldError.Duplicate($"spec.versions[{i}].name", name));
            }
        }

        var storageCount = versions.OfType<JsonObject>().Count(v => Flag(v, "storage"));
        if (storageCount != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", storageCount,
                "must have exactly one version marked as storage version"));
        }
    }

    private static string Str(JsonObject? obj, string field) => obj is null ? "" : ObjectMeta.StrOf(obj, field);

    private static bool Flag(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
