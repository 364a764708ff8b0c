using Sriov.Api.NodeStates;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Render;

/// <summary>
/// Builds a node state's spec from the policies that select the node, applied in <see cref="PolicyOrder"/>
/// (operator.md §2.3). Recomputed from scratch on every render.
/// </summary>
internal static class NodeSpecBuilder
{
    public static SriovNetworkNodeStateSpec Build(
        RenderContext context,
        IReadOnlyList<PolicyPlan> policies,
        IReadOnlyList<InterfaceExt> nics,
        string? rdmaMode)
    {
        var interfaces = new List<InterfaceSpec>();
        // Priority of the last policy applied to each PF. Upstream compares with the previous policy applied to the
        // node, whatever PF it selected; we compare per PF (docs/decisions.md).
        var lastPriority = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var bridges = context.ManageSoftwareBridges ? new SortedDictionary<string, Api.Bridges.OvsConfigExt>(StringComparer.Ordinal) : null;

        foreach (var policy in policies)
        {
            if (policy.NumVfs > 0)
            {
                foreach (var nic in nics)
                {
                    if (policy.Selects(nic))
                    {
                        Apply(policy, nic, interfaces, lastPriority);
                    }
                }
            }

            if (bridges is not null)
            {
                BridgeBuilder.Apply(policy.Policy, nics.Where(policy.Selects).ToList(), bridges);
            }
        }

        return new SriovNetworkNodeStateSpec
        {
            Interfaces = interfaces.Count > 0 ? interfaces : null,
            Bridges = bridges is { Count: > 0 } ? new Api.Bridges.Bridges { Ovs = [.. bridges.Values] } : null,
            System = rdmaMode is null ? null : new SystemConfig { RdmaMode = rdmaMode },
        };
    }

    private static void Apply(PolicyPlan policy, InterfaceExt nic, List<InterfaceSpec> interfaces, Dictionary<string, int> lastPriority)
    {
        var spec = policy.Spec;
        var numVfs = policy.NumVfs;
        var priority = policy.Priority;
        var (range, rangeText) = RangeFor(policy, nic);
        var result = new InterfaceSpec
        {
            PciAddress = nic.PciAddress,
            Name = nic.Name,
            NumVfs = numVfs,
            Mtu = Positive(spec.Mtu),
            LinkType = NullIfEmpty(spec.LinkType),
            ESwitchMode = NullIfEmpty(spec.ESwitchMode),
            ESwitchParams = spec.ESwitchParams,
            ExternallyManaged = spec.ExternallyManaged == true ? true : null,
            VfGroups =
            [
                new VfGroup
                {
                    ResourceName = spec.ResourceName,
                    DeviceType = spec.DeviceType,
                    VfRange = rangeText,
                    PolicyName = policy.Name,
                    Mtu = Positive(spec.Mtu),
                    IsRdma = spec.IsRdma == true ? true : null,
                    VdpaType = NullIfEmpty(spec.VdpaType),
                },
            ],
        };

        var index = interfaces.FindIndex(i => NicMatcher.IdEquals(i.PciAddress, nic.PciAddress));
        if (index < 0)
        {
            interfaces.Add(result);
        }
        else
        {
            var equalPriority = lastPriority.TryGetValue(nic.PciAddress, out var last) && last == priority;
            interfaces[index] = InterfaceMerger.Merge(interfaces[index], result, range, equalPriority);
        }

        lastPriority[nic.PciAddress] = priority;
    }

    /// <summary>
    /// The VF range a policy claims on a PF: the <c>#first-last</c> of the pfNames entry naming the PF (by name or
    /// alt-name; upstream ignores the range of an alt-name entry, we do not), else the whole PF.
    /// </summary>
    private static (VfRange Range, string Text) RangeFor(PolicyPlan policy, InterfaceExt nic)
    {
        var entry = NicMatcher.MatchingPfName(policy.PfNames, nic);
        if (entry?.Error is { } error)
        {
            throw new RenderException(
                $"SriovNetworkNodePolicy {policy.Name}: nicSelector.pfNames entry \"{entry.Raw}\" {error}");
        }

        return entry?.Range is { } range ? (range, entry.RangeText!) : (VfRange.All(policy.NumVfs), policy.WholePf);
    }

    private static int? Positive(int? value) => value > 0 ? value : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
