using System.Globalization;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>Turns query parameters and DeleteOptions bodies into the operations' option records.</summary>
internal static class RequestOptions
{
    public static ListOptions List(IReadOnlyDictionary<string, string> query) => new()
    {
        LabelSelector = Get(query, "labelSelector"),
        FieldSelector = Get(query, "fieldSelector"),
        ResourceVersion = Get(query, "resourceVersion"),
        ResourceVersionMatch = Get(query, "resourceVersionMatch"),
        Limit = Int(query, "limit"),
        Continue = Get(query, "continue"),
        TimeoutSeconds = Int(query, "timeoutSeconds"),
        AllowWatchBookmarks = Bool(query, "allowWatchBookmarks") ?? false,
        SendInitialEvents = Bool(query, "sendInitialEvents"),
    };

    public static bool IsWatch(IReadOnlyDictionary<string, string> query) => Bool(query, "watch") ?? false;

    public static WriteOptions Write(IReadOnlyDictionary<string, string> query, string? userAgent) => new(
        Get(query, "dryRun") == "All",
        Get(query, "fieldManager"),
        Get(query, "fieldValidation") switch
        {
            null or "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw ApiErrors.BadRequest(
                $"fieldValidation: Invalid value: \"{other}\": must be one of Ignore, Warn or Strict"),
        },
        userAgent);

    /// <summary>DeleteOptions from a body (may be null) with query parameters taking precedence, as kubectl sends
    /// either.</summary>
    public static DeleteOptions ParseDeleteOptions(JsonObject? body, IReadOnlyDictionary<string, string>? query)
    {
        var propagation = (query is null ? null : Get(query, "propagationPolicy")) ?? Str(body, "propagationPolicy");
        var orphan = (query is null ? null : Bool(query, "orphanDependents"))
                     ?? (body?["orphanDependents"] is JsonValue o && o.TryGetValue<bool>(out var ob) ? ob : null);
        var dryRun = (query is not null && Get(query, "dryRun") == "All")
                     || ObjectMeta.StringList(body?["dryRun"]).Contains("All");
        PropagationPolicy? policy = propagation switch
        {
            null or "" => orphan == true ? PropagationPolicy.Orphan : null,
            "Background" => PropagationPolicy.Background,
            "Foreground" => PropagationPolicy.Foreground,
            "Orphan" => PropagationPolicy.Orphan,
            var other => throw ApiErrors.BadRequest(
                $"propagationPolicy: Unsupported value: \"{other}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
        };
        var preconditions = body?["preconditions"] as JsonObject;
        return new DeleteOptions(policy, Str(preconditions, "uid"), Str(preconditions, "resourceVersion"), dryRun);
    }

    private static string? Get(IReadOnlyDictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var v) ? v : null;

    private static string? Str(JsonObject? obj, string field) =>
        obj?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(IReadOnlyDictionary<string, string> query, string name) =>
        Get(query, name) is { Length: > 0 } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw ApiErrors.BadRequest($"{name}: Invalid value: \"{v}\": must be an integer")
            : null;

    private static bool? Bool(IReadOnlyDictionary<string, string> query, string name) => Get(query, name) switch
    {
        null => null,
        "" or "true" or "1" or "True" => true,
        "false" or "0" or "False" => false,
        var other => throw ApiErrors.BadRequest($"{name}: Invalid value: \"{other}\": must be true or false"),
    };
}
