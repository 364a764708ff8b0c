using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Errors;

/// <summary>The API server's error responses, with its reasons, codes and message wording.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceType rt, string name) =>
        new(404, "NotFound", $"{rt.QualifiedPlural} \"{name}\" not found",
            StatusObjects.Details(name, rt.Group, rt.Plural));

    public static ApiException NotFound(string message) => new(404, "NotFound", message);

    public static ApiException AlreadyExists(ResourceType rt, string name) =>
        new(409, "AlreadyExists", $"{rt.QualifiedPlural} \"{name}\" already exists",
            StatusObjects.Details(name, rt.Group, rt.Plural));

    public static ApiException Conflict(ResourceType rt, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {rt.QualifiedPlural} \"{name}\": {why}",
            StatusObjects.Details(name, rt.Group, rt.Plural));

    public static ApiException Modified(ResourceType rt, string name) => Conflict(rt, name,
        "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType rt, string name, IReadOnlyList<FieldError> errors)
    {
        var details = StatusObjects.Details(name, rt.Group, rt.Kind);
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToCause())]);
        var what = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        return new ApiException(422, "Invalid", $"{rt.QualifiedKind} \"{name}\" is invalid: {what}", details);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json, " +
            $"application/yaml (got \"{contentType}\"; the emulator speaks no protobuf: use kubectl create -f with " +
            "a YAML or JSON file instead of an imperative generator)");

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Forbidden(string message) => new(403, "Forbidden", message);

    public static ApiException TooLargeResourceVersion(long requested, long current)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "ResourceVersionTooLarge",
                ["message"] = "Too large resource version",
            }),
            ["retryAfterSeconds"] = 1,
        };
        return new ApiException(504, "Timeout",
            $"Too large resource version: {requested}, current: {current}", details);
    }

    public static ApiException Internal(string message) => new(500, "InternalError", message);
}
