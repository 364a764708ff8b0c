using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Errors;

/// <summary>
/// One validation failure on one field, rendered as the API server renders <c>field.Error</c>: the cause reason
/// (<c>FieldValueRequired</c>, ...), the field path (<c>spec.numVfs</c>, <c>spec.pfNames[0]</c>) and the message.
/// </summary>
internal sealed record FieldError(string Reason, string Field, string Detail)
{
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<JsonNode?> supported) =>
        new("FieldValueNotSupported", field,
            $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported.Select(Render))}");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {Render(value)}: {detail}");

    public static FieldError TypeInvalid(string field, string actualType, string expected) =>
        new("FieldValueTypeInvalid", field,
            $"Invalid value: \"{actualType}\": {field} in body must be of type {expected}: \"{actualType}\"");

    public static FieldError TooLong(string field, int max) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    public static FieldError TooMany(string field, int actual, int max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    public static FieldError Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: {Render(value)}");

    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, $"Forbidden: {detail}");

    /// <summary>The <c>field: message</c> form used in the Status message.</summary>
    public override string ToString() => Field.Length == 0 ? Detail : $"{Field}: {Detail}";

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Detail, ["field"] = Field };

    /// <summary>Values render as Go's <c>%#v</c> would for JSON scalars: strings quoted, numbers and booleans bare.</summary>
    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => $"\"{s}\"",
        _ => value.ToJsonString(),
    };
}
