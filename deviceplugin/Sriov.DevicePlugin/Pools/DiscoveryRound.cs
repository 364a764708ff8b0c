using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;

namespace Sriov.DevicePlugin.Pools;

/// <summary>The result of one discovery: the snapshot, the raw selection, each pool's entries with health, and the
/// health facts used.</summary>
internal sealed record DiscoveryRound(
    NodeSnapshot Snapshot,
    Selection.Selection Selection,
    IReadOnlyList<(PoolSpec Spec, IReadOnlyList<PoolEntry> Entries)> Pools,
    HealthFacts Facts);
