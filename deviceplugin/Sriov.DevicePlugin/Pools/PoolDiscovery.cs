using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Selection;

namespace Sriov.DevicePlugin.Pools;

/// <summary>One discovery round: scan the host, build the pools, carry each pool's previous entries over (see
/// <see cref="PoolMerge"/>) and evaluate health.</summary>
internal sealed class PoolDiscovery(HostScanner scanner)
{
    public DiscoveryRound Run(PoolConfig config, Func<string, IReadOnlyList<PoolEntry>> previous,
        Func<NodeSnapshot, IReadOnlyDictionary<string, LinkState>> links, bool linkRule)
    {
        ArgumentNullException.ThrowIfNull(config);
        var snapshot = scanner.Scan(config);
        snapshot = snapshot with { MovedRdma = RdmaMemory.Carry(config.Pools.SelectMany(p => previous(p.FullName)), snapshot) };
        var selection = PoolBuilder.Build(config, snapshot);
        var facts = new HealthFacts(snapshot.ReconfiguringPfs, links(snapshot), linkRule);
        var selected = selection.Pools.SelectMany(p => p.Devices).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pools = selection.Pools
            .Select(p => (p.Spec, PoolMerge.Merge(previous(p.Spec.FullName), p, snapshot, selected, facts)))
            .ToList();
        return new DiscoveryRound(snapshot, selection, pools, facts);
    }
}
