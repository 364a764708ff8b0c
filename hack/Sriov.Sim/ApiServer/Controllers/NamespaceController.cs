using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// The namespace controller: a terminating namespace has every object in it deleted (objects with finalizers keep it
/// waiting), then its <c>kubernetes</c> finalizer removed through <c>/finalize</c>, which removes it.
/// </summary>
internal sealed class NamespaceController
{
    private const string Manager = "namespace-controller";
    private readonly ApiOperations _ops;

    public NamespaceController(ApiOperations ops) => _ops = ops;

    private ApiContext Ctx => _ops.Context;

    public void Handle(WatchItem item)
    {
        if (item.Object is not { } obj)
        {
            return;
        }

        if (item.StorageKey == NamespaceGate.NamespacesKey)
        {
            if (item.Kind != WatchItemKind.Deleted && ObjectMeta.IsDeleting(obj))
            {
                Cleanup(ObjectMeta.Name(obj));
            }

            return;
        }

        var ns = ObjectMeta.Namespace(obj);
        if (ns.Length > 0 && Ctx.Store.Get(NamespaceGate.NamespacesKey, "", ns) is { } namespaceObject
            && ObjectMeta.IsDeleting(namespaceObject))
        {
            Cleanup(ns);
        }
    }

    public void Resync()
    {
        foreach (var ns in Ctx.Store.List(NamespaceGate.NamespacesKey, "").Where(ObjectMeta.IsDeleting))
        {
            Cleanup(ObjectMeta.Name(ns));
        }
    }

    private void Cleanup(string ns)
    {
        var remaining = false;
        foreach (var key in Ctx.Registry.All.Where(r => r.Namespaced).Select(r => r.StorageKey).Distinct())
        {
            if (Ctx.Registry.FindStorage(key) is not { } rt)
            {
                continue;
            }

            foreach (var obj in Ctx.Store.List(key, ns))
            {
                if (!ObjectMeta.IsDeleting(obj))
                {
                    ControllerWrites.Try(() => _ops.Delete.Delete(rt, ns, ObjectMeta.Name(obj), DeleteOptions.Default));
                }
            }

            remaining |= Ctx.Store.List(key, ns).Count > 0;
        }

        if (remaining || Ctx.Store.Get(NamespaceGate.NamespacesKey, "", ns) is not { } current
            || Ctx.Registry.FindStorage(NamespaceGate.NamespacesKey) is not { } namespaces)
        {
            return;
        }

        var body = (JsonObject)current.DeepClone();
        body["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
        ControllerWrites.Try(() => _ops.Update.Update(namespaces, "", ns, body, "finalize",
            ControllerWrites.As(Manager), []));
    }
}
