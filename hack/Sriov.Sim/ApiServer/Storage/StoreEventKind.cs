namespace Sriov.Sim.ApiServer.Storage;

/// <summary>What a committed change did.</summary>
internal enum StoreEventKind
{
    Added,
    Modified,
    Deleted,
}
