using Sriov.Api.Common;
using Sriov.Api.Policies;

namespace Sriov.Operator.Admission;

/// <summary>Admission of SriovNetworkNodePolicy: the mutation, then every rule of operator.md §5.2 on the mutated policy.</summary>
public static class PolicyValidator
{
    public static AdmissionResult Review(SriovNetworkNodePolicy policy, AdmissionOperation operation, ClusterState cluster)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(cluster);
        if (operation == AdmissionOperation.Delete)
        {
            return AdmissionResult.Allow();
        }

        var patch = PolicyMutator.Patch(policy);
        var ns = cluster.Settings.OperatorNamespace;
        if (policy.Metadata.NamespaceProperty != ns)
        {
            return AdmissionResult.Allow(
                [$"SriovNetworkNodePolicy {policy.Metadata.Name} is created or updated but not used: only policies in namespace {ns} are respected"], patch);
        }

        if (policy.Metadata.Name == SriovObjectNames.Default)
        {
            return AdmissionResult.Allow(patch: patch);
        }

        var mutated = PolicyMutator.Apply(policy);
        var errors = PolicyStaticRules.Check(mutated, cluster.SupportedNics, cluster.DevMode).ToList();
        if (errors.Count == 0)
        {
            // The cluster rules assume a well-formed policy (parsable ranges, a selector).
            errors.AddRange(PolicyClusterRules.Check(mutated, cluster));
        }

        return AdmissionResult.From(errors, [], patch);
    }
}
