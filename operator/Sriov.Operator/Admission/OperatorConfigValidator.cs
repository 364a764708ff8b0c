using Sriov.Api.Common;
using Sriov.Api.OperatorConfigs;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Admission;

/// <summary>Admission of SriovOperatorConfig (operator.md §5.3).</summary>
public static class OperatorConfigValidator
{
    /// <param name="config">The new object.</param>
    /// <param name="old">The stored object on UPDATE; null on CREATE (then disableDrain counts as flipping from false).</param>
    /// <param name="operation">The request operation.</param>
    /// <param name="cluster">Nodes and node states.</param>
    public static AdmissionResult Review(SriovOperatorConfig config, SriovOperatorConfig? old, AdmissionOperation operation, ClusterState cluster)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cluster);
        if (operation == AdmissionOperation.Delete)
        {
            return AdmissionResult.Allow();
        }

        var errors = new List<string>();
        var warnings = new List<string>();
        var ns = cluster.Settings.OperatorNamespace;
        if (config.Metadata.Name != SriovObjectNames.Default || config.Metadata.NamespaceProperty != ns)
        {
            errors.Add($"SriovOperatorConfig must be named \"default\" in namespace {ns}; only that one is used");
        }

        var s = config.Spec;
        if (s.DisableDrain == true)
        {
            warnings.Add("spec.disableDrain is true: nodes are reconfigured without draining, so pods using VFs can lose them");
            if (old?.Spec.DisableDrain != true)
            {
                // A node mid-drain would stay cordoned: the daemon stops asking, so nobody uncordons it.
                foreach (var (node, state) in cluster.NodeStates.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (state.Status?.SyncStatus == SyncStatuses.InProgress)
                    {
                        errors.Add($"can't set spec.disableDrain = true while node {node} is updating (syncStatus InProgress); wait until it is Succeeded");
                    }
                }
            }
        }

        if (s.EnableOvsOffload == true)
        {
            warnings.Add("spec.enableOvsOffload has no effect (kept for compatibility); OVS hardware offload follows switchdev policies");
        }

        foreach (var gate in (s.FeatureGates ?? []).Keys.Where(k => !FeatureGates.Defaults.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            warnings.Add($"spec.featureGates.{gate} is not a known feature gate (known: {string.Join(", ", FeatureGates.Defaults.Keys.Order(StringComparer.Ordinal))})");
        }

        if (s.ConfigDaemonNodeSelector is { Count: > 0 } selector && cluster.Nodes.Count > 0
            && !cluster.Nodes.Any(n => LabelMatcher.MatchesMap(selector, n.Metadata.Labels)))
        {
            warnings.Add("spec.configDaemonNodeSelector matches no node: no node gets a config daemon");
        }

        return AdmissionResult.From(errors, warnings);
    }
}
