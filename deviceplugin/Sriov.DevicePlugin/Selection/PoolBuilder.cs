using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;
using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Selection;

/// <summary>
/// Fills the pools from a snapshot, the pure core of upstream's <c>initServers</c>: resources in config order, each
/// one's selector objects in order, and a device goes to the first resource and selector object that selects it
/// (global first-match claiming); a device's RDMA, vhost-net and vDPA extras come from the selector object that took it.
/// Every configured pool is returned, empty ones included.
/// </summary>
internal static class PoolBuilder
{
    public static Selection Build(PoolConfig config, NodeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(snapshot);
        var byType = new Dictionary<string, IReadOnlyList<DeviceCandidate>>(StringComparer.Ordinal);
        var excluded = new List<Exclusion>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var pools = new List<BuiltPool>();
        foreach (var pool in config.Pools)
        {
            if (!byType.TryGetValue(pool.DeviceType, out var candidates))
            {
                var built = CandidateBuilder.Build(snapshot, pool.DeviceType);
                byType[pool.DeviceType] = candidates = built.Candidates;
                excluded.AddRange(built.Excluded);
            }

            var devices = new List<PoolDevice>();
            foreach (var selector in pool.Selectors)
            {
                foreach (var candidate in candidates)
                {
                    if (!claimed.Contains(candidate.Id) && SelectorMatcher.Matches(selector, candidate))
                    {
                        claimed.Add(candidate.Id);
                        devices.Add(DeviceProviders.Build(candidate, selector, pool, snapshot));
                    }
                }
            }

            devices.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            pools.Add(new BuiltPool(pool, devices));
        }

        return new Selection(pools, excluded.DistinctBy(e => e.Id).ToList());
    }
}
