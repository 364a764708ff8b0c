using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Behaviors;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Operations;

/// <summary>
/// DELETE of an object. Preconditions (uid, resourceVersion) give 409 when stale. Orphan and Foreground propagation
/// add the <c>orphan</c>/<c>foregroundDeletion</c> finalizer for the garbage collector. An object with finalizers
/// (or a namespace with <c>spec.finalizers</c>) only gets <c>deletionTimestamp</c> (and a generation bump) and stays
/// until they are removed; otherwise it is removed at once. Pods are removed at once too: there is no kubelet to
/// finish a graceful deletion.
/// </summary>
internal sealed class DeleteOperation
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    private readonly ApiContext _ctx;

    public DeleteOperation(ApiContext ctx) => _ctx = ctx;

    public WriteResult Delete(ResourceType rt, string ns, string name, DeleteOptions options)
    {
        lock (_ctx.Store.Gate)
        {
            var current = _ctx.Store.Get(rt.StorageKey, ns, name) ?? throw ApiErrors.NotFound(rt, name);
            CheckPreconditions(rt, current, options);
            var next = (JsonObject)current.DeepClone();
            var finalizers = ObjectMeta.Finalizers(next);
            var propagation = options.Propagation ?? PropagationPolicy.Background;
            var gcFinalizer = propagation switch
            {
                PropagationPolicy.Orphan => OrphanFinalizer,
                PropagationPolicy.Foreground => ForegroundFinalizer,
                _ => null,
            };
            if (gcFinalizer is not null && !finalizers.Contains(gcFinalizer))
            {
                finalizers.Add(gcFinalizer);
                ObjectMeta.SetFinalizers(next, finalizers);
            }

            var behavior = KindBehaviors.For(rt);
            behavior.OnDeleteRequested(next);
            if (finalizers.Count == 0 && !behavior.BlocksRemoval(next))
            {
                if (options.DryRun)
                {
                    return new WriteResult(current, WriteOutcome.Deleted);
                }

                var removed = _ctx.Store.Remove(rt.StorageKey, ns, name)!;
                return new WriteResult((JsonObject)removed.Current.DeepClone(), WriteOutcome.Deleted);
            }

            var meta = ObjectMeta.Of(next);
            if (!ObjectMeta.IsDeleting(current))
            {
                meta["deletionTimestamp"] = ObjectMeta.Timestamp(_ctx.Now);
                meta["deletionGracePeriodSeconds"] = 0;
                if (ObjectMeta.Generation(current) > 0)
                {
                    // deletionTimestamp is part of the object's desired state, so the API server bumps generation.
                    meta["generation"] = ObjectMeta.Generation(current) + 1;
                }
            }

            if (JsonNode.DeepEquals(current, next) || options.DryRun)
            {
                return new WriteResult(next, WriteOutcome.Unchanged);
            }

            var committed = _ctx.Store.Put(rt.StorageKey, ns, name, next);
            return new WriteResult((JsonObject)committed.Current.DeepClone(), WriteOutcome.Updated);
        }
    }

    private static void CheckPreconditions(ResourceType rt, JsonObject current, DeleteOptions options)
    {
        if (options.PreconditionUid is { Length: > 0 } uid && uid != ObjectMeta.Uid(current))
        {
            throw ApiErrors.Conflict(rt, ObjectMeta.Name(current),
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(current)}");
        }

        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != ObjectMeta.ResourceVersion(current))
        {
            throw ApiErrors.Conflict(rt, ObjectMeta.Name(current),
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: " +
                ObjectMeta.ResourceVersion(current));
        }
    }
}
