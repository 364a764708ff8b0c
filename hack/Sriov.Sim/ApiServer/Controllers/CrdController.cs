using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Behaviors;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// The CRD finalizer controller: a deleting CustomResourceDefinition has all its custom resources deleted, then loses
/// its <c>customresourcecleanup.apiextensions.k8s.io</c> finalizer, which removes it and stops serving its resources.
/// </summary>
internal sealed class CrdController
{
    private const string Manager = "apiextensions-apiserver";
    private readonly ApiOperations _ops;

    public CrdController(ApiOperations ops) => _ops = ops;

    private ApiContext Ctx => _ops.Context;

    public void Handle(WatchItem item)
    {
        if (item.Object is not { } obj || item.Kind == WatchItemKind.Deleted && item.StorageKey == NamespaceGate.CrdsKey)
        {
            return;
        }

        if (item.StorageKey == NamespaceGate.CrdsKey)
        {
            Cleanup(obj);
        }
        else if (item.Kind == WatchItemKind.Deleted
                 && Ctx.Registry.All.FirstOrDefault(r => r.IsCustom && r.StorageKey == item.StorageKey) is { } rt
                 && Ctx.Store.Get(NamespaceGate.CrdsKey, "", rt.CrdName!) is { } crd)
        {
            Cleanup(crd);
        }
    }

    public void Resync()
    {
        foreach (var crd in Ctx.Store.List(NamespaceGate.CrdsKey, ""))
        {
            Cleanup(crd);
        }
    }

    private void Cleanup(JsonObject crd)
    {
        if (!ObjectMeta.IsDeleting(crd) || !ObjectMeta.Finalizers(crd).Contains(CrdBehavior.CleanupFinalizer))
        {
            return;
        }

        var name = ObjectMeta.Name(crd);
        var served = Ctx.Registry.All.FirstOrDefault(r => r.CrdName == name);
        if (served is not null && Ctx.Registry.FindStorage(served.StorageKey) is { } rt)
        {
            foreach (var obj in Ctx.Store.List(rt.StorageKey, null).Where(o => !ObjectMeta.IsDeleting(o)))
            {
                ControllerWrites.Try(() => _ops.Delete.Delete(rt, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj),
                    DeleteOptions.Default));
            }

            if (Ctx.Store.List(rt.StorageKey, null).Count > 0)
            {
                return;
            }
        }

        if (Ctx.Registry.FindStorage(NamespaceGate.CrdsKey) is not { } crds)
        {
            return;
        }

        var body = (JsonObject)crd.DeepClone();
        ObjectMeta.SetFinalizers(body, [.. ObjectMeta.Finalizers(crd).Where(f => f != CrdBehavior.CleanupFinalizer)]);
        ControllerWrites.Try(() => _ops.Update.Update(crds, "", name, body, null, ControllerWrites.As(Manager), []));
    }
}
