using Sriov.Api.PoolConfigs;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Pools;

/// <summary>Which SriovNetworkPoolConfig a node belongs to (operator.md §4.6: at most one; hardware-offload pools do not count).</summary>
internal static class PoolMembership
{
    /// <summary>Pools that take part in drain and RDMA settings: those without <c>ovsHardwareOffloadConfig.name</c>.</summary>
    public static bool IsDrainPool(SriovNetworkPoolConfig pool) =>
        string.IsNullOrEmpty(pool.Spec.OvsHardwareOffloadConfig?.Name);

    /// <summary>The node's pool, or null when it is in none.</summary>
    /// <exception cref="InvalidOperationException">The node matches more than one pool.</exception>
    public static SriovNetworkPoolConfig? Find(IEnumerable<SriovNetworkPoolConfig> pools, string nodeName, IDictionary<string, string>? labels)
    {
        var matching = pools.Where(p => IsDrainPool(p) && LabelMatcher.Matches(p.Spec.NodeSelector, labels)).ToList();
        if (matching.Count > 1)
        {
            var names = string.Join(", ", matching.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
            throw new InvalidOperationException(
                $"node {nodeName} is selected by more than one SriovNetworkPoolConfig ({names}); a node may belong to one pool: narrow their nodeSelectors");
        }

        return matching.Count == 1 ? matching[0] : null;
    }
}
