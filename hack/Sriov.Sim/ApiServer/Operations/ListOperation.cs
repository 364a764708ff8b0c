using System.Globalization;
using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Selectors;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// GET on a collection: the objects at the current revision (or, with <c>resourceVersionMatch=Exact</c>, at the
/// given one), filtered by label and field selectors, paginated with <c>limit</c>/<c>continue</c> over one consistent
/// snapshot. A continue token or exact revision older than the history is 410 Expired.
/// </summary>
internal sealed class ListOperation
{
    private const string ContinueTooOld =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list " +
        "without the continue parameter, or use the continue token in this response to retrieve the remainder of the " +
        "results. Continuing with the provided token results in an inconsistent list - objects that were created, " +
        "modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private readonly ApiContext _ctx;

    public ListOperation(ApiContext ctx) => _ctx = ctx;

    public JsonObject List(ResourceType rt, string? ns, ListOptions options)
    {
        var filter = Filter(rt, options);
        long? at;
        string? start = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            if (!string.IsNullOrEmpty(options.ResourceVersion) && options.ResourceVersion != "0")
            {
                throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
            }

            (at, start) = ContinueToken.Decode(options.Continue);
        }
        else
        {
            at = Revision(options);
        }

        var startKey = start;
        var (items, revision) = _ctx.Store.Snapshot(rt.StorageKey, ns, at, tooOld => startKey is null
            ? ApiErrors.Expired("The resourceVersion for the provided list is too old.")
            : new ApiException(410, "Expired", ContinueTooOld) { Continue = ContinueToken.Encode(_ctx.Store.Revision, startKey) });
        var matching = items.Where(kv => start is null || string.CompareOrdinal(kv.Key, start) >= 0)
            .Where(kv => filter(kv.Value)).ToList();
        var page = options.Limit is > 0 and var limit && matching.Count > limit ? matching.Take(limit).ToList() : matching;
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (page.Count < matching.Count)
        {
            meta["continue"] = ContinueToken.Encode(revision, page[^1].Key + "\0");
            meta["remainingItemCount"] = matching.Count - page.Count;
        }

        return new JsonObject
        {
            ["kind"] = rt.ListKind,
            ["apiVersion"] = rt.ApiVersion,
            ["metadata"] = meta,
            ["items"] = new JsonArray([.. page.Select(kv => (JsonNode)Item(kv.Value, rt))]),
        };
    }

    /// <summary>The label and field selector of a list or watch as one predicate (400 on a malformed selector).</summary>
    public static Func<JsonObject, bool> Filter(ResourceType rt, ListOptions options)
    {
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, rt.FieldSelectors, rt.QualifiedPlural);
        return obj => labels.Matches(ObjectMeta.Labels(obj)) && fields.Matches(obj);
    }

    // Items of built-in lists carry no apiVersion/kind, as the API server encodes typed lists; custom resource lists
    // (unstructured) keep them.
    private static JsonObject Item(JsonObject stored, ResourceType rt)
    {
        var item = TypeMeta.ToVersion(stored, rt);
        if (!rt.IsCustom)
        {
            item.Remove("apiVersion");
            item.Remove("kind");
        }

        return item;
    }

    private long? Revision(ListOptions options)
    {
        if (string.IsNullOrEmpty(options.ResourceVersion))
        {
            return !string.IsNullOrEmpty(options.ResourceVersionMatch)
                ? throw ApiErrors.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
                : null;
        }

        var rv = ParseRevision(options.ResourceVersion);
        return options.ResourceVersionMatch switch
        {
            "Exact" when rv == 0 => throw ApiErrors.BadRequest(
                "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""),
            "Exact" => rv,
            null or "" or "NotOlderThan" => rv > _ctx.Store.Revision
                ? throw ApiErrors.TooLargeResourceVersion(rv, _ctx.Store.Revision)
                : null,
            var other => throw ApiErrors.BadRequest($"unsupported resourceVersionMatch \"{other}\""),
        };
    }

    public static long ParseRevision(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw new ApiException(400, "BadRequest", $"resourceVersion: Invalid value: \"{value}\": must be an integer");
}
