using Sriov.Sim.ApiServer.Objects;
using Sriov.Sim.ApiServer.Operations;
using Sriov.Sim.ApiServer.Resources;
using Sriov.Sim.ApiServer.Storage;

namespace Sriov.Sim.ApiServer.Controllers;

/// <summary>
/// Serves a CRD's resources from the moment it is committed (a store hook, so a client may create custom resources
/// right after the CRD create returns) and stops serving them, ending their watches, when the CRD is gone.
/// </summary>
internal sealed class CrdRegistrar
{
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;

    public CrdRegistrar(ObjectStore store, ResourceRegistry registry)
    {
        _store = store;
        _registry = registry;
    }

    public void OnCommit(StoreEvent e)
    {
        if (e.StorageKey != NamespaceGate.CrdsKey)
        {
            return;
        }

        if (e.Kind == StoreEventKind.Deleted)
        {
            var keys = _registry.All.Where(r => r.CrdName == e.Name).Select(r => r.StorageKey).Distinct().ToList();
            _registry.SetCustom(e.Name, []);
            foreach (var key in keys)
            {
                _store.CloseWatches(key);
            }

            return;
        }

        if (CrdTypes.Validate(e.Current).Count == 0)
        {
            _registry.SetCustom(ObjectMeta.Name(e.Current), CrdTypes.FromCrd(e.Current));
        }
    }
}
