using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sriov.Sim.ApiServer.Errors;

namespace Sriov.Sim.ApiServer.Schema;

/// <summary>
/// Validates a value against a structural OpenAPI v3 schema with the keywords CRDs use: type (with
/// <c>nullable</c> and <c>x-kubernetes-int-or-string</c>), enum, required, properties/additionalProperties/items,
/// numeric bounds, string length and pattern, item and property counts, <c>x-kubernetes-list-type</c> set/map
/// uniqueness, and allOf/anyOf/oneOf/not. Errors carry the field path and the API server's wording.
/// CEL rules (<c>x-kubernetes-validations</c>) and <c>format</c> are not evaluated.
/// </summary>
internal static class SchemaValidator
{
    public static IReadOnlyList<FieldError> Validate(JsonObject root, JsonObject schema)
    {
        var errors = new List<FieldError>();
        ValidateObject(root, schema, "", errors, isResource: true);
        return errors;
    }

    private static void Validate(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (!CheckType(value, schema, path, errors))
        {
            return;
        }

        if (value is null)
        {
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => SchemaNode.ValueEquals(a, value)))
        {
            errors.Add(FieldError.NotSupported(path, value, allowed));
        }

        switch (value)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors, SchemaNode.EmbeddedResource(schema));
                break;
            case JsonArray arr:
                ValidateArray(arr, schema, path, errors);
                break;
            default:
                ValidateScalar((JsonValue)value, schema, path, errors);
                break;
        }

        ValidateCombinators(value, schema, path, errors);
    }

    private static bool CheckType(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        var actual = SchemaNode.TypeOf(value);
        if (value is null)
        {
            if (SchemaNode.Nullable(schema) || (SchemaNode.Type(schema) is null && !SchemaNode.IntOrString(schema)))
            {
                return true;
            }

            errors.Add(FieldError.TypeInvalid(path, "null", SchemaNode.IntOrString(schema) ? "integer or string"
                : SchemaNode.Type(schema)!));
            return false;
        }

        if (SchemaNode.IntOrString(schema))
        {
            if (actual is "integer" or "string")
            {
                return true;
            }

            errors.Add(FieldError.TypeInvalid(path, actual, "integer or string"));
            return false;
        }

        var expected = SchemaNode.Type(schema);
        if (expected is null || expected == actual || (expected == "number" && actual == "integer"))
        {
            return true;
        }

        errors.Add(FieldError.TypeInvalid(path, actual, expected));
        return false;
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors,
        bool isResource)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(FieldError.Required(SchemaNode.Child(path, name)));
                }
            }
        }

        CountBounds(obj.Count, schema, "minProperties", "maxProperties", path, "properties", errors);
        var additional = SchemaNode.AdditionalSchema(schema);
        foreach (var (key, child) in obj)
        {
            if (isResource && key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if ((SchemaNode.Property(schema, key) ?? additional) is { } childSchema)
            {
                Validate(child, childSchema, SchemaNode.Child(path, key), errors);
            }
        }
    }

    private static void ValidateArray(JsonArray arr, JsonObject schema, string path, List<FieldError> errors)
    {
        if (SchemaNode.Number(schema, "maxItems") is { } max && arr.Count > max)
        {
            errors.Add(FieldError.TooMany(path, arr.Count, (int)max));
        }

        if (SchemaNode.Number(schema, "minItems") is { } min && arr.Count < min)
        {
            errors.Add(FieldError.Invalid(path, arr.Count, $"{path} in body should have at least {min} items"));
        }

        if (SchemaNode.Items(schema) is { } items)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                Validate(arr[i], items, $"{path}[{i}]", errors);
            }
        }

        switch (SchemaNode.Str(schema, "x-kubernetes-list-type"))
        {
            case "set":
                ReportDuplicates(arr.Select((v, i) => (Key: v, Index: i)), path, errors);
                break;
            case "map" when schema["x-kubernetes-list-map-keys"] is JsonArray keys:
                var names = keys.Select(k => k!.GetValue<string>()).ToList();
                ReportDuplicates(arr.Select((v, i) => (Key: (JsonNode?)new JsonArray([.. names.Select(n =>
                    (v as JsonObject)?[n]?.DeepClone())]), Index: i)), path, errors);
                break;
        }
    }

    private static void ReportDuplicates(IEnumerable<(JsonNode? Key, int Index)> entries, string path, List<FieldError> errors)
    {
        var seen = new List<JsonNode?>();
        foreach (var (key, index) in entries)
        {
            if (seen.Any(s => JsonNode.DeepEquals(s, key)))
            {
                errors.Add(FieldError.Duplicate($"{path}[{index}]", key));
            }
            else
            {
                seen.Add(key);
            }
        }
    }

    private static void ValidateScalar(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (value.TryGetValue<string>(out var s))
        {
            var length = s.EnumerateRunes().Count();
            if (SchemaNode.Number(schema, "maxLength") is { } maxLength && length > maxLength)
            {
                errors.Add(FieldError.TooLong(path, (int)maxLength));
            }

            if (SchemaNode.Number(schema, "minLength") is { } minLength && length < minLength)
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should be at least {minLength} chars long"));
            }

            if (SchemaNode.Str(schema, "pattern") is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None,
                    TimeSpan.FromSeconds(1)))
            {
                errors.Add(FieldError.Invalid(path, value, $"{path} in body should match '{pattern}'"));
            }

            return;
        }

        if (SchemaNode.AsNumber(value) is not { } n)
        {
            return;
        }

        var exclusiveMax = SchemaNode.Flag(schema, "exclusiveMaximum");
        if (SchemaNode.Number(schema, "maximum") is { } max && (exclusiveMax ? n >= max : n > max))
        {
            errors.Add(FieldError.Invalid(path, value,
                $"{path} in body should be less than {(exclusiveMax ? "" : "or equal to ")}{Format(max)}"));
        }

        var exclusiveMin = SchemaNode.Flag(schema, "exclusiveMinimum");
        if (SchemaNode.Number(schema, "minimum") is { } min && (exclusiveMin ? n <= min : n < min))
        {
            errors.Add(FieldError.Invalid(path, value,
                $"{path} in body should be greater than {(exclusiveMin ? "" : "or equal to ")}{Format(min)}"));
        }

        if (SchemaNode.Number(schema, "multipleOf") is { } multiple && multiple != 0 && n % multiple != 0)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be a multiple of {Format(multiple)}"));
        }
    }

    private static void ValidateCombinators(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var branch in allOf.OfType<JsonObject>())
            {
                Validate(value, branch, path, errors);
            }
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.OfType<JsonObject>().Any(b => Passes(value, b, path)))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body must match at least one schema in anyOf"));
        }

        if (schema["oneOf"] is JsonArray oneOf && oneOf.OfType<JsonObject>().Count(b => Passes(value, b, path)) != 1)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body must match exactly one schema in oneOf"));
        }

        if (schema["not"] is JsonObject not && Passes(value, not, path))
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body must not match the schema in not"));
        }
    }

    private static bool Passes(JsonNode value, JsonObject schema, string path)
    {
        var errors = new List<FieldError>();
        Validate(value, schema, path, errors);
        return errors.Count == 0;
    }

    private static void CountBounds(int count, JsonObject schema, string minKey, string maxKey, string path,
        string what, List<FieldError> errors)
    {
        if (SchemaNode.Number(schema, maxKey) is { } max && count > max)
        {
            errors.Add(FieldError.TooMany(path, count, (int)max));
        }

        if (SchemaNode.Number(schema, minKey) is { } min && count < min)
        {
            errors.Add(FieldError.Invalid(path, count, $"{path} in body should have at least {min} {what}"));
        }
    }

    private static string Format(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
