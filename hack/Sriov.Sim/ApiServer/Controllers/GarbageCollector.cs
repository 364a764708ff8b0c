using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// The garbage collector, after kube-controller-manager's: a dependent whose owners are all gone is deleted (dangling
/// references included); a dependent with a live owner only loses its references to gone or foreground-deleting
/// owners. An owner deleting with the <c>orphan</c> finalizer has its references removed from its dependents, then the
/// finalizer; one with <c>foregroundDeletion</c> has its dependents deleted (in the foreground) and loses the finalizer
/// once no dependent with <c>blockOwnerDeletion</c> remains. Owners are resolved through their apiVersion and kind;
/// an owner of a kind the emulator does not serve is left alone.
/// </summary>
internal sealed class GarbageCollector
{
    private const string Manager = "generic-garbage-collector";
    private readonly ApiOperations _ops;

    public GarbageCollector(ApiOperations ops) => _ops = ops;

    private ApiContext Ctx => _ops.Context;

    public void Handle(WatchItem item)
    {
        if (item.Object is not { } obj || item.StorageKey is null)
        {
            return;
        }

        if (item.Kind == WatchItemKind.Deleted)
        {
            foreach (var (key, dependent) in Dependents(ObjectMeta.Uid(obj)))
            {
                AttemptToDelete(key, dependent);
            }

            RecheckForegroundOwners(obj);
            return;
        }

        Process(item.StorageKey, (JsonObject)obj.DeepClone());
    }

    public void Resync()
    {
        foreach (var (key, obj) in Ctx.Store.All())
        {
            Process(key, obj);
        }
    }

    private void Process(string key, JsonObject obj)
    {
        if (ObjectMeta.OwnerReferences(obj).Count > 0)
        {
            AttemptToDelete(key, obj);
        }

        if (ObjectMeta.IsDeleting(obj))
        {
            var finalizers = ObjectMeta.Finalizers(obj);
            if (finalizers.Contains(DeleteOperation.OrphanFinalizer))
            {
                Orphan(key, obj);
            }
            else if (finalizers.Contains(DeleteOperation.ForegroundFinalizer))
            {
                Foreground(key, obj);
            }
        }
    }

    private void AttemptToDelete(string key, JsonObject dependent)
    {
        if (ObjectMeta.IsDeleting(dependent) || Ctx.Registry.FindStorage(key) is not { } rt)
        {
            return;
        }

        var solid = false;
        var remove = new List<string>();
        var waiting = false;
        foreach (var owner in ObjectMeta.OwnerReferences(dependent))
        {
            switch (Resolve(owner, ObjectMeta.Namespace(dependent)))
            {
                case OwnerState.Unknown:
                    return;
                case OwnerState.Solid:
                    solid = true;
                    break;
                case OwnerState.Waiting:
                    waiting = true;
                    remove.Add(owner.Uid);
                    break;
                default:
                    remove.Add(owner.Uid);
                    break;
            }
        }

        var (ns, name) = (ObjectMeta.Namespace(dependent), ObjectMeta.Name(dependent));
        if (solid)
        {
            if (remove.Count > 0)
            {
                ControllerWrites.Try(() => _ops.Update.Update(rt, ns, name, WithoutOwners(dependent, remove), null,
                    ControllerWrites.As(Manager), []));
            }

            return;
        }

        var finalizers = ObjectMeta.Finalizers(dependent);
        var policy = waiting || finalizers.Contains(DeleteOperation.ForegroundFinalizer) ? PropagationPolicy.Foreground
            : finalizers.Contains(DeleteOperation.OrphanFinalizer) ? PropagationPolicy.Orphan
            : PropagationPolicy.Background;
        ControllerWrites.Try(() => _ops.Delete.Delete(rt, ns, name,
            new DeleteOptions(policy, ObjectMeta.Uid(dependent), null, false)));
    }

    private void Orphan(string key, JsonObject owner)
    {
        var uid = ObjectMeta.Uid(owner);
        foreach (var (depKey, dependent) in Dependents(uid))
        {
            if (Ctx.Registry.FindStorage(depKey) is { } depRt
                && !ControllerWrites.Try(() => _ops.Update.Update(depRt, ObjectMeta.Namespace(dependent),
                    ObjectMeta.Name(dependent), WithoutOwners(dependent, [uid]), null, ControllerWrites.As(Manager), [])))
            {
                return;
            }
        }

        RemoveFinalizer(key, owner, DeleteOperation.OrphanFinalizer);
    }

    private void Foreground(string key, JsonObject owner)
    {
        var uid = ObjectMeta.Uid(owner);
        var blocking = 0;
        foreach (var (depKey, dependent) in Dependents(uid))
        {
            if (ObjectMeta.OwnerReferences(dependent).Any(r => r.Uid == uid && r.BlockOwnerDeletion))
            {
                blocking++;
            }

            if (!ObjectMeta.IsDeleting(dependent) && Ctx.Registry.FindStorage(depKey) is { } depRt)
            {
                ControllerWrites.Try(() => _ops.Delete.Delete(depRt, ObjectMeta.Namespace(dependent),
                    ObjectMeta.Name(dependent), new DeleteOptions(PropagationPolicy.Foreground, null, null, false)));
            }
        }

        if (blocking == 0)
        {
            RemoveFinalizer(key, owner, DeleteOperation.ForegroundFinalizer);
        }
    }

    private void RecheckForegroundOwners(JsonObject gone)
    {
        foreach (var owner in ObjectMeta.OwnerReferences(gone))
        {
            if (FindOwnerType(owner) is { } rt
                && Ctx.Store.Get(rt.StorageKey, rt.Namespaced ? ObjectMeta.Namespace(gone) : "", owner.Name) is { } obj
                && ObjectMeta.Uid(obj) == owner.Uid && ObjectMeta.IsDeleting(obj))
            {
                Process(rt.StorageKey, obj);
            }
        }
    }

    private void RemoveFinalizer(string key, JsonObject owner, string finalizer)
    {
        if (Ctx.Registry.FindStorage(key) is not { } rt)
        {
            return;
        }

        var body = (JsonObject)owner.DeepClone();
        ObjectMeta.SetFinalizers(body, [.. ObjectMeta.Finalizers(owner).Where(f => f != finalizer)]);
        ControllerWrites.Try(() => _ops.Update.Update(rt, ObjectMeta.Namespace(owner), ObjectMeta.Name(owner), body,
            null, ControllerWrites.As(Manager), []));
    }

    private OwnerState Resolve(OwnerReference owner, string dependentNamespace)
    {
        if (FindOwnerType(owner) is not { } rt)
        {
            return OwnerState.Unknown;
        }

        var obj = Ctx.Store.Get(rt.StorageKey, rt.Namespaced ? dependentNamespace : "", owner.Name);
        if (obj is null || ObjectMeta.Uid(obj) != owner.Uid)
        {
            return OwnerState.Absent;
        }

        return ObjectMeta.IsDeleting(obj) && ObjectMeta.Finalizers(obj).Contains(DeleteOperation.ForegroundFinalizer)
            ? OwnerState.Waiting
            : OwnerState.Solid;
    }

    private ResourceType? FindOwnerType(OwnerReference owner)
    {
        if (Ctx.Registry.FindByKind(owner.ApiVersion, owner.Kind) is { } exact)
        {
            return Ctx.Registry.FindStorage(exact.StorageKey);
        }

        // Another version of the same group and kind is the same object.
        var group = owner.ApiVersion.Contains('/', StringComparison.Ordinal) ? owner.ApiVersion.Split('/')[0] : "";
        var any = Ctx.Registry.All.FirstOrDefault(r => r.Group == group && r.Kind == owner.Kind);
        return any is null ? null : Ctx.Registry.FindStorage(any.StorageKey);
    }

    private IEnumerable<(string Key, JsonObject Object)> Dependents(string uid) =>
        uid.Length == 0 ? [] : Ctx.Store.All().Where(e => ObjectMeta.OwnerReferences(e.Object).Any(r => r.Uid == uid));

    private static JsonObject WithoutOwners(JsonObject obj, IReadOnlyCollection<string> uids)
    {
        var copy = (JsonObject)obj.DeepClone();
        var meta = ObjectMeta.Of(copy);
        var kept = ((meta["ownerReferences"] as JsonArray) ?? []).OfType<JsonObject>()
            .Where(r => !uids.Contains(ObjectMeta.StrOf(r, "uid"))).Select(r => (JsonNode)r.DeepClone()).ToList();
        if (kept.Count == 0)
        {
            meta.Remove("ownerReferences");
        }
        else
        {
            meta["ownerReferences"] = new JsonArray([.. kept]);
        }

        return copy;
    }

    private enum OwnerState
    {
        Solid,
        Absent,
        Waiting,
        Unknown,
    }
}
