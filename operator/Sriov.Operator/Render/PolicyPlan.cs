using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Operator.Admission;
using Sriov.Operator.Selection;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Render;

/// <summary>
/// What rendering needs from one policy that does not depend on the node, computed once per
/// <see cref="RenderContext"/> so the per-node work is matching and merging only.
/// </summary>
internal sealed class PolicyPlan
{
    public PolicyPlan(SriovNetworkNodePolicy policy, SupportedNicList nics)
    {
        Policy = policy;
        var spec = policy.Spec;
        Priority = PolicyOrder.PriorityOf(policy);
        NumVfs = spec.NumVfs ?? 0;
        PfNames = spec.NicSelector?.PfNames?.Select(PfNameEntry.Parse).ToList() ?? [];
        WholePf = NumVfs > 0 ? VfRange.All(NumVfs).ToString() : "";
        var selector = spec.NicSelector;
        if (!string.IsNullOrEmpty(selector?.DeviceId))
        {
            // The device plugin sees VFs, so a policy that creates VFs selects by the VF device id of its PF model.
            DeviceSelector = NumVfs > 0 ? nics.VfDeviceFor(selector.Vendor, selector.DeviceId) : selector.DeviceId;
        }

        if (!string.IsNullOrEmpty(spec.LinkType) && spec.DeviceType != PolicyMutator.VfioPci)
        {
            // The link type of a VF bound to vfio-pci cannot be detected, so it is not a usable filter then.
            LinkTypeSelector = string.Equals(spec.LinkType, "ib", StringComparison.OrdinalIgnoreCase) ? "infiniband" : "ether";
        }
    }

    public SriovNetworkNodePolicy Policy { get; }

    public SriovNetworkNodePolicySpec Spec => Policy.Spec;

    public string Name => Policy.Metadata.Name;

    public int Priority { get; }

    public int NumVfs { get; }

    public IReadOnlyList<PfNameEntry> PfNames { get; }

    /// <summary><c>0-(numVfs-1)</c>.</summary>
    public string WholePf { get; }

    /// <summary>The <c>devices</c> value for the device plugin, or null.</summary>
    public string? DeviceSelector { get; }

    /// <summary>The <c>linkTypes</c> value for the device plugin, or null.</summary>
    public string? LinkTypeSelector { get; }

    public bool Selects(InterfaceExt nic) => NicMatcher.Matches(Spec.NicSelector, PfNames, nic);
}
