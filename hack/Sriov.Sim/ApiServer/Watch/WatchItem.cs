using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Watch;

/// <summary>One queued watch event: the stored object (shared, never changed) or none for a bookmark, and the storage
/// key it belongs to (for watchers of all resources).</summary>
internal sealed record WatchItem(WatchItemKind Kind, JsonObject? Object, long Revision, string? StorageKey = null);
