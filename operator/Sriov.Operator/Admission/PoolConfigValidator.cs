using Sriov.Api.PoolConfigs;
using Sriov.Operator.Pools;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Admission;

/// <summary>Admission of SriovNetworkPoolConfig (operator.md §5.3).</summary>
public static class PoolConfigValidator
{
    public static AdmissionResult Review(SriovNetworkPoolConfig pool, AdmissionOperation operation, ClusterState cluster)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(cluster);
        if (operation == AdmissionOperation.Delete)
        {
            return AdmissionResult.Allow();
        }

        var s = pool.Spec;
        var errors = new List<string>();
        var warnings = new List<string>();
        if (!PoolMembership.IsDrainPool(pool))
        {
            if (s.MaxUnavailable is not null || s.NodeSelector is not null)
            {
                errors.Add("spec.ovsHardwareOffloadConfig.name cannot be combined with maxUnavailable or nodeSelector: a hardware-offload pool is a MachineConfigPool; use a separate SriovNetworkPoolConfig for draining");
            }

            return AdmissionResult.From(errors, warnings);
        }

        if (MaxUnavailable.Problem(s.MaxUnavailable) is { } problem)
        {
            errors.Add("spec." + problem);
        }
        else if (s.MaxUnavailable?.Number == 0)
        {
            warnings.Add("spec.maxUnavailable is 0: no node of this pool will ever be drained, so policy changes that need a drain never apply");
        }

        errors.AddRange(LabelMatcher.Problems(s.NodeSelector, "spec.nodeSelector"));
        if (errors.Count > 0)
        {
            return AdmissionResult.From(errors, warnings);
        }

        // A node in two pools cannot be drained (upstream fails at drain time); catch it now.
        var others = cluster.PoolConfigs.Where(p => p.Metadata.Name != pool.Metadata.Name && PoolMembership.IsDrainPool(p)).ToList();
        foreach (var node in cluster.Nodes.Where(n => LabelMatcher.Matches(s.NodeSelector, n.Metadata.Labels)))
        {
            foreach (var other in others.Where(o => LabelMatcher.Matches(o.Spec.NodeSelector, node.Metadata.Labels)))
            {
                errors.Add($"node {node.Metadata.Name} is also selected by SriovNetworkPoolConfig {other.Metadata.Name}; a node may belong to one pool");
            }
        }

        return AdmissionResult.From(errors, warnings);
    }
}
