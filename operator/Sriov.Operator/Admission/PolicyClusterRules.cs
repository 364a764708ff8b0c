using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Admission;

/// <summary>
/// The rules of operator.md §5.2 that read the cluster (rules 10–13): the policy must select a node and a supported
/// NIC on it, fit that NIC, and not collide with another policy on a shared node.
/// </summary>
internal static class PolicyClusterRules
{
    private const string Mellanox = "15b3";

    /// <summary>Mellanox firmware allows up to this many VFs per PF (upstream's limit; the FW setting can be raised to it).</summary>
    private const int MellanoxMaxVfs = 128;

    public static IEnumerable<string> Check(SriovNetworkNodePolicy policy, ClusterState cluster)
    {
        var s = policy.Spec;
        var name = policy.Metadata.Name;
        var nodes = cluster.Nodes.Where(n => LabelMatcher.MatchesMap(s.NodeSelector, n.Metadata.Labels)).ToList();

        // Rule 10.
        if (nodes.Count == 0)
        {
            var selector = string.Join(", ", (s.NodeSelector ?? []).Select(kv => $"{kv.Key}={kv.Value}"));
            yield return $"no node matches spec.nodeSelector {{{selector}}}; check the labels of the nodes (kubectl get nodes --show-labels)";
            yield break;
        }

        // Rules 11 and 12.
        var matchedAny = false;
        var unreported = new List<string>();
        foreach (var node in nodes)
        {
            if (!cluster.NodeStates.TryGetValue(node.Metadata.Name, out var state) || state.Status?.Interfaces is not { Count: > 0 } nics)
            {
                unreported.Add(node.Metadata.Name);
                continue;
            }

            foreach (var nic in nics.Where(n => Selects(policy, n, node, cluster)))
            {
                matchedAny = true;
                foreach (var e in FitsNic(s, nic, node.Metadata.Name))
                {
                    yield return e;
                }
            }
        }

        if (!matchedAny)
        {
            var why = unreported.Count > 0
                ? $"; nodes {string.Join(", ", unreported.Take(5))}{(unreported.Count > 5 ? ", ..." : "")} have not reported their NICs yet (their SriovNetworkNodeState has no status)"
                : "";
            yield return $"spec.nicSelector selects no supported NIC on the {nodes.Count} node(s) the nodeSelector matches{why}";
        }

        // Rule 13, with every other policy that shares a node.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in cluster.Policies.Where(p => p.Metadata.Name != name && p.Metadata.Name != SriovObjectNames.Default))
        {
            foreach (var node in nodes.Where(n => LabelMatcher.MatchesMap(other.Spec.NodeSelector, n.Metadata.Labels)))
            {
                cluster.NodeStates.TryGetValue(node.Metadata.Name, out var state);
                foreach (var e in Conflicts(policy, other, state?.Status?.Interfaces ?? []))
                {
                    if (reported.Add(e))
                    {
                        yield return e;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A NIC counts when the selector matches it and its model is supported; on a virtual platform (OpenStack, AWS)
    /// the reported "PFs" are VFs, so the VF model must be supported.
    /// </summary>
    private static bool Selects(SriovNetworkNodePolicy policy, InterfaceExt nic, V1Node node, ClusterState cluster)
    {
        if (!NicMatcher.Matches(policy.Spec.NicSelector, nic))
        {
            return false;
        }

        if (cluster.DevMode)
        {
            return true;
        }

        var provider = node.Spec?.ProviderID ?? "";
        var isVirtual = provider.Contains("openstack", StringComparison.Ordinal) || provider.Contains("aws", StringComparison.Ordinal);
        return isVirtual ? cluster.SupportedNics.IsSupportedVf(nic.Vendor, nic.DeviceId) : cluster.SupportedNics.IsSupportedPf(nic.Vendor, nic.DeviceId);
    }

    /// <summary>Rule 11: the policy must fit the NIC.</summary>
    private static IEnumerable<string> FitsNic(SriovNetworkNodePolicySpec s, InterfaceExt nic, string node)
    {
        var numVfs = s.NumVfs ?? 0;
        var where = $"NIC {nic.Name} ({nic.PciAddress}) on node {node}";
        if (numVfs == 0)
        {
            yield return $"spec.numVfs is 0 but the policy selects {where}; set numVfs to at least 1 (delete the policy to remove VFs)";
        }

        if (NicMatcher.IdEquals(nic.Vendor, Mellanox))
        {
            if (numVfs > MellanoxMaxVfs)
            {
                yield return $"spec.numVfs {numVfs} exceeds the {MellanoxMaxVfs} VFs a Mellanox NIC supports ({where})";
            }
        }
        else if (nic.TotalVfs is > 0 and var total && numVfs > total)
        {
            // The kernel refuses sriov_numvfs above sriov_totalvfs (ERANGE); upstream checks this for Intel only.
            yield return $"spec.numVfs {numVfs} exceeds the {total} VFs {where} supports (sriov_totalvfs)";
        }

        if (s.ExternallyManaged == true)
        {
            if (numVfs > (nic.NumVfs ?? 0))
            {
                yield return $"externallyManaged policy asks for {numVfs} VFs but {where} has {nic.NumVfs ?? 0}; create the VFs first or lower numVfs";
            }

            if (s.Mtu is { } mtu && mtu > (nic.Mtu ?? 0))
            {
                yield return $"externallyManaged policy asks for MTU {mtu} but {where} has MTU {nic.Mtu ?? 0}; raise the PF MTU first or lower mtu";
            }

            if (!string.IsNullOrEmpty(s.LinkType) && !string.Equals(s.LinkType, nic.LinkType, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"externallyManaged policy asks for linkType {s.LinkType} but {where} has {nic.LinkType}; the operator does not change the link type of externally managed PFs";
            }
        }

        if (!string.IsNullOrEmpty(s.VdpaType) && !NicMatcher.IdEquals(nic.Vendor, Mellanox))
        {
            yield return $"vdpaType {s.VdpaType} is supported on Mellanox NICs only, not on {where} (vendor {nic.Vendor})";
        }
    }

    /// <summary>Rule 13 (and our same-resource flag rule) for one pair of policies sharing a node.</summary>
    private static IEnumerable<string> Conflicts(SriovNetworkNodePolicy policy, SriovNetworkNodePolicy other, IReadOnlyList<InterfaceExt> nics)
    {
        var a = policy.Spec;
        var b = other.Spec;
        var otherName = other.Metadata.Name;
        foreach (var ea in (a.NicSelector?.PfNames ?? []).Select(PfNameEntry.Parse).Where(e => e.Error is null))
        {
            foreach (var eb in (b.NicSelector?.PfNames ?? []).Select(PfNameEntry.Parse).Where(e => e.Error is null))
            {
                var pf = Resolve(ea.Name, nics);
                if (pf != Resolve(eb.Name, nics))
                {
                    continue;
                }

                if ((a.ExternallyManaged == true) != (b.ExternallyManaged == true))
                {
                    yield return $"externallyManaged differs from existing policy {otherName} on PF {pf}; both policies of a PF must set the same value";
                }

                // An entry without a range claims the whole PF (upstream lets it overlap ranged entries unnoticed).
                var ra = ea.Range ?? VfRange.All(Math.Max(a.NumVfs ?? 0, 1));
                var rb = eb.Range ?? VfRange.All(Math.Max(b.NumVfs ?? 0, 1));
                if (ra.Overlaps(rb))
                {
                    yield return $"VF index range {ra} on PF {pf} overlaps range {rb} of existing policy {otherName}; give each policy its own range, e.g. {pf}#0-3 and {pf}#4-7";
                }
            }
        }

        foreach (var root in (a.NicSelector?.RootDevices ?? []).Intersect(b.NicSelector?.RootDevices ?? [], StringComparer.OrdinalIgnoreCase))
        {
            yield return $"root device {root} is also selected by existing policy {otherName}; to share a PF between policies select it with pfNames and VF ranges";
        }

        if (a.ResourceName == b.ResourceName)
        {
            if ((a.ExcludeTopology == true) != (b.ExcludeTopology == true))
            {
                yield return $"excludeTopology differs from existing policy {otherName} of the same resource {a.ResourceName}; set the same value";
            }

            // The device plugin gets one selector per resource and node, so these must agree (docs/decisions.md).
            if ((a.IsRdma == true) != (b.IsRdma == true) || (a.NeedVhostNet == true) != (b.NeedVhostNet == true) || (a.VdpaType ?? "") != (b.VdpaType ?? ""))
            {
                yield return $"isRdma, needVhostNet or vdpaType differs from existing policy {otherName} of the same resource {a.ResourceName}; set the same values or use another resourceName";
            }
        }
    }

    /// <summary>A pfNames name resolved to the PF's real name when it is an alt-name of a reported NIC.</summary>
    private static string Resolve(string name, IReadOnlyList<InterfaceExt> nics) =>
        nics.FirstOrDefault(n => NicMatcher.IsNameOf(name, n))?.Name ?? name;
}
