using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// GET on a collection with <c>watch=true</c>. Without a resourceVersion (or with "0") the watch starts with every
/// current object as ADDED; with one it replays every change after it; <c>sendInitialEvents=true</c> adds the
/// BOOKMARK annotated <c>k8s.io/initial-events-end</c> after the initial objects. A revision older than the history
/// gives the 410 Expired ERROR event (HTTP 200), as from the API server's watch cache.
/// </summary>
internal sealed class WatchOperation
{
    private readonly ApiContext _ctx;

    public WatchOperation(ApiContext ctx) => _ctx = ctx;

    public WatchSession Start(ResourceType rt, string? ns, ListOptions options)
    {
        var filter = ListOperation.Filter(rt, options);
        var initialEvents = options.SendInitialEvents == true;
        if (initialEvents && (!options.AllowWatchBookmarks || options.ResourceVersionMatch != "NotOlderThan"))
        {
            throw new ApiException(422, "Invalid", "sendInitialEvents requires allowWatchBookmarks=true and " +
                                                   "resourceVersionMatch=NotOlderThan");
        }

        long? from = initialEvents || string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0"
            ? null
            : ListOperation.ParseRevision(options.ResourceVersion);
        var timeout = options.TimeoutSeconds is > 0 and var seconds
            ? TimeSpan.FromSeconds(seconds)
            : _ctx.Options.MinRequestTimeout * (1 + Random.Shared.NextDouble());
        try
        {
            var watcher = _ctx.Store.Watch(rt.StorageKey, ns, filter, from, initialEvents);
            return new WatchSession(_ctx, rt, watcher, timeout, options.AllowWatchBookmarks);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            return new WatchSession(_ctx, rt, e);
        }
    }
}
