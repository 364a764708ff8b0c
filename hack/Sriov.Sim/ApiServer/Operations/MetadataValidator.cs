using System.Text;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>The API server's ObjectMeta validation: name, labels, annotations, finalizers, owner references.</summary>
internal static class MetadataValidator
{
    private const int MaxAnnotationBytes = 256 * 1024;

    public static List<FieldError> Validate(JsonObject obj, ResourceType rt)
    {
        var errors = new List<FieldError>();
        var meta = ObjectMeta.Of(obj);
        var name = ObjectMeta.Name(obj);
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else if ((rt.NameRule switch
                 {
                     NameRule.Label => NameValidation.Label(name),
                     NameRule.PathSegment => NameValidation.PathSegment(name),
                     _ => NameValidation.Subdomain(name),
                 }) is { } nameError)
        {
            errors.Add(FieldError.Invalid("metadata.name", name, nameError));
        }

        ValidateLabels(meta["labels"], errors);
        ValidateAnnotations(meta["annotations"], errors);
        var finalizers = ObjectMeta.Finalizers(obj);
        for (var i = 0; i < finalizers.Count; i++)
        {
            if (NameValidation.QualifiedName(finalizers[i]) is { } finalizerError)
            {
                errors.Add(FieldError.Invalid($"metadata.finalizers[{i}]", finalizers[i], finalizerError));
            }
        }

        ValidateOwnerReferences(obj, errors);
        return errors;
    }

    private static void ValidateLabels(JsonNode? labels, List<FieldError> errors)
    {
        if (labels is null)
        {
            return;
        }

        if (labels is not JsonObject map)
        {
            errors.Add(FieldError.Invalid("metadata.labels", labels, "must be a map of strings"));
            return;
        }

        foreach (var (key, value) in map)
        {
            if (NameValidation.QualifiedName(key) is { } keyError)
            {
                errors.Add(FieldError.Invalid("metadata.labels", key, keyError));
            }

            if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
            {
                errors.Add(FieldError.Invalid($"metadata.labels[{key}]", value, "must be a string"));
            }
            else if (NameValidation.LabelValue(s) is { } valueError)
            {
                errors.Add(FieldError.Invalid("metadata.labels", s, valueError));
            }
        }
    }

    private static void ValidateAnnotations(JsonNode? annotations, List<FieldError> errors)
    {
        if (annotations is null)
        {
            return;
        }

        if (annotations is not JsonObject map)
        {
            errors.Add(FieldError.Invalid("metadata.annotations", annotations, "must be a map of strings"));
            return;
        }

        var total = 0;
        foreach (var (key, value) in map)
        {
            if (NameValidation.QualifiedName(key.ToLowerInvariant()) is { } keyError)
            {
                errors.Add(FieldError.Invalid("metadata.annotations", key, keyError));
            }

            if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
            {
                errors.Add(FieldError.Invalid($"metadata.annotations[{key}]", value, "must be a string"));
                continue;
            }

            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(s);
        }

        if (total > MaxAnnotationBytes)
        {
            errors.Add(FieldError.TooLong("metadata.annotations", MaxAnnotationBytes));
        }
    }

    private static void ValidateOwnerReferences(JsonObject obj, List<FieldError> errors)
    {
        var refs = ObjectMeta.OwnerReferences(obj);
        for (var i = 0; i < refs.Count; i++)
        {
            var r = refs[i];
            foreach (var (field, value) in new[] { ("apiVersion", r.ApiVersion), ("kind", r.Kind), ("name", r.Name), ("uid", r.Uid) })
            {
                if (value.Length == 0)
                {
                    errors.Add(FieldError.Required($"metadata.ownerReferences[{i}].{field}"));
                }
            }
        }

        if (refs.Count(r => r.Controller) > 1)
        {
            errors.Add(FieldError.Invalid("metadata.ownerReferences", refs.Count(r => r.Controller),
                "Only one reference can have Controller set to true"));
        }
    }
}
