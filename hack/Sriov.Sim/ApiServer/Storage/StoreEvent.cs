using System.Text.Json.Nodes;

namespace Sriov.Sim.ApiServer.Storage;

/// <summary>
/// One committed change. <see cref="Previous"/> is the object before (null on create), <see cref="Current"/> after;
/// for a delete, <see cref="Current"/> is the last state stamped with the deletion's revision, as etcd-backed watches
/// deliver it. Stored objects are never mutated after commit, so events and snapshots share them.
/// </summary>
internal sealed record StoreEvent(
    long Revision, StoreEventKind Kind, string StorageKey, string Namespace, string Name,
    JsonObject? Previous, JsonObject Current);
