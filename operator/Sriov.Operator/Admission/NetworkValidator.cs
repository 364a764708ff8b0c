using Sriov.Api.Networks;
using Sriov.Operator.Networks;

namespace Sriov.Operator.Admission;

/// <summary>
/// Admission of SriovNetwork, SriovIBNetwork and OVSNetwork (operator.md §5.3), plus checks upstream leaves to pod
/// start time: the JSON fields must parse and the VLAN settings must be ones the CNI accepts.
/// </summary>
public static class NetworkValidator
{
    public static AdmissionResult Review(object network, AdmissionOperation operation, ClusterState cluster)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(cluster);
        if (operation == AdmissionOperation.Delete)
        {
            return AdmissionResult.Allow();
        }

        var cr = NetworkCr.From(network);
        var errors = new List<string>();
        var warnings = new List<string>();
        var ns = cluster.Settings.OperatorNamespace;
        if (!string.IsNullOrEmpty(cr.NetworkNamespace) && cr.Namespace != ns)
        {
            errors.Add($"spec.networkNamespace cannot be set when the resource is not in the operator namespace ({ns}); create the {cr.Kind} in {ns}, or drop networkNamespace to get the NetworkAttachmentDefinition in {cr.Namespace}");
        }

        try
        {
            cr.RenderConfig();
        }
        catch (NetworkConfigException e)
        {
            errors.Add(e.Message);
        }

        switch (network)
        {
            case SriovNetwork n:
                errors.AddRange(SriovCniRules(n.Spec));
                break;
            case OvsNetwork n:
                errors.AddRange(TrunkRules(n.Spec));
                break;
        }

        if (cluster.Namespaces is { } known && !known.Contains(cr.TargetNamespace))
        {
            warnings.Add($"namespace {cr.TargetNamespace} does not exist yet; the NetworkAttachmentDefinition is created when it does");
        }

        if (cluster.Policies.Count > 0 && !cluster.Policies.Any(p => p.Spec.ResourceName == cr.ResourceName))
        {
            warnings.Add($"no SriovNetworkNodePolicy advertises resource {cr.ResourceName}; pods of this network will not find VFs");
        }

        return AdmissionResult.From(errors, warnings);
    }

    /// <summary>The VLAN rules of the sriov CNI (cni.md §1.4) that the CRD schema cannot express.</summary>
    private static IEnumerable<string> SriovCniRules(SriovNetworkSpec s)
    {
        var vlan = s.Vlan ?? 0;
        if (vlan == 0 && (s.VlanQoS ?? 0) != 0)
        {
            yield return $"spec.vlanQoS {s.VlanQoS} needs a non-zero spec.vlan: the sriov CNI rejects a VLAN priority without a VLAN";
        }

        if (vlan == 0 && string.Equals(s.VlanProto, "802.1ad", StringComparison.OrdinalIgnoreCase))
        {
            yield return "spec.vlanProto 802.1ad needs a non-zero spec.vlan: the sriov CNI rejects an 802.1ad protocol without a VLAN";
        }

        if (s.MinTxRate is > 0 and var min && s.MaxTxRate is > 0 and var max && min > max)
        {
            yield return $"spec.minTxRate {min} is greater than spec.maxTxRate {max}; the sriov CNI rejects it when the pod starts";
        }

        if (LogFileProblem(s.LogFile) is { } logFile)
        {
            yield return logFile;
        }
    }

    /// <summary>
    /// The sriov CNI writes its log only under /var/log (docs/decisions.md): an absolute path there, not a directory,
    /// with no "." or ".." segment. Anything else makes every pod of the network fail, so admission refuses it.
    /// </summary>
    private static string? LogFileProblem(string? logFile) =>
        string.IsNullOrEmpty(logFile)
        || (logFile.StartsWith("/var/log/", StringComparison.Ordinal) && !logFile.EndsWith('/')
            && !logFile.Contains('\0', StringComparison.Ordinal) && !logFile.Split('/').Any(s => s is "." or ".."))
            ? null
            : $"spec.logFile \"{logFile}\" must name a file under /var/log with no \".\" or \"..\" segments; the sriov CNI refuses to write its log anywhere else";

    private static IEnumerable<string> TrunkRules(OvsNetworkSpec s)
    {
        for (var i = 0; i < (s.Trunk?.Count ?? 0); i++)
        {
            var t = s.Trunk![i];
            var hasRange = t.MinId is not null || t.MaxId is not null;
            if (t.Id is not null && hasRange)
            {
                yield return $"spec.trunk[{i}] sets both id and minID/maxID; use id for one VLAN or minID and maxID for a range";
            }
            else if (t.Id is null && (t.MinId is null || t.MaxId is null))
            {
                yield return $"spec.trunk[{i}] needs id, or both minID and maxID";
            }
            else if (t.MinId > t.MaxId)
            {
                yield return $"spec.trunk[{i}] has minID {t.MinId} greater than maxID {t.MaxId}";
            }
        }
    }
}
