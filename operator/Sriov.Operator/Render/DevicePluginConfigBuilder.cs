using Sriov.Api.Node.DevicePlugin;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Render;

/// <summary>
/// A node's device-plugin config (operator.md §2.4): one resource per resourceName among the policies selecting the
/// node (by nodeSelector; the NIC need not be present, so a resource stays stable while the daemon has not reported
/// yet), with one selector object accumulating the policies' vendors, VF device ids, pfNames (alt-names resolved,
/// ranges kept), link types, root devices and netFilter PCI addresses. No <c>drivers</c> selector is emitted.
/// </summary>
internal static class DevicePluginConfigBuilder
{
    public static ResourceConfigList Build(
        IReadOnlyList<PolicyPlan> policies,
        IReadOnlyList<InterfaceExt> nics,
        bool hasStatus,
        ICollection<string> warnings)
    {
        var resources = new List<ResourceConfig>();
        var byName = new Dictionary<string, (ResourceConfig Resource, ResourceSelector Selector, SriovNetworkNodePolicy Creator)>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            var spec = policy.Spec;
            var name = spec.ResourceName ?? "";
            ResourceSelector selector;
            if (byName.TryGetValue(name, out var existing))
            {
                selector = existing.Selector;
                existing.Resource.ExcludeTopology = spec.ExcludeTopology == true;
                WarnOnFlagConflict(existing.Creator, policy.Policy, warnings);
            }
            else
            {
                // IsRdma, NeedVhostNet and vdpaType describe the whole selector, so they come from the first policy;
                // the webhook rejects policies that disagree (docs/decisions.md).
                selector = new ResourceSelector
                {
                    IsRdma = spec.IsRdma == true,
                    NeedVhostNet = spec.NeedVhostNet == true,
                    VdpaType = string.IsNullOrEmpty(spec.VdpaType) ? null : spec.VdpaType,
                };
                var resource = new ResourceConfig
                {
                    ResourceName = name,
                    ExcludeTopology = spec.ExcludeTopology == true,
                    Selectors = ResourceSelectorList.OfOne(selector),
                };
                byName[name] = (resource, selector, policy.Policy);
                resources.Add(resource);
            }

            Extend(policy, selector, nics, hasStatus);
        }

        return new ResourceConfigList { ResourceList = resources };
    }

    private static void Extend(PolicyPlan policy, ResourceSelector selector, IReadOnlyList<InterfaceExt> nics, bool hasStatus)
    {
        var spec = policy.Spec;
        var nic = spec.NicSelector ?? new NicSelector();
        if (!string.IsNullOrEmpty(nic.Vendor))
        {
            selector.Vendors = AddUnique(selector.Vendors, nic.Vendor);
        }

        if (!string.IsNullOrEmpty(policy.DeviceSelector))
        {
            selector.Devices = AddUnique(selector.Devices, policy.DeviceSelector);
        }

        foreach (var entry in policy.PfNames)
        {
            selector.PfNames = AddUnique(selector.PfNames, ResolveAltName(entry, nics));
        }

        if (policy.LinkTypeSelector is { } linkType)
        {
            selector.LinkTypes = AddUnique(selector.LinkTypes, linkType);
        }

        foreach (var root in nic.RootDevices ?? [])
        {
            selector.RootDevices = AddUnique(selector.RootDevices, root);
        }

        if (!string.IsNullOrEmpty(nic.NetFilter))
        {
            if (!hasStatus)
            {
                throw new RenderException(
                    $"SriovNetworkNodePolicy {policy.Name} selects NICs by netFilter, which needs the NICs the config daemon reports; the node state has no status.interfaces yet (the next render after the daemon reports will succeed)");
            }

            foreach (var n in nics.Where(n => NicMatcher.NetFilterMatches(nic.NetFilter, n.NetFilter)))
            {
                selector.PciAddresses = AddUnique(selector.PciAddresses, n.PciAddress);
            }
        }
    }

    /// <summary>The device plugin matches real PF names only, so an alt-name is replaced by the PF's name; the range is kept.</summary>
    private static string ResolveAltName(PfNameEntry entry, IReadOnlyList<InterfaceExt> nics)
    {
        var raw = entry.Raw;
        var nic = nics.FirstOrDefault(n => n.Name != entry.Name && (n.AltNames?.Contains(entry.Name, StringComparer.Ordinal) ?? false));
        return nic?.Name is { Length: > 0 } real ? real + raw[entry.Name.Length..] : raw;
    }

    private static void WarnOnFlagConflict(SriovNetworkNodePolicy creator, SriovNetworkNodePolicy other, ICollection<string> warnings)
    {
        var a = creator.Spec;
        var b = other.Spec;
        if ((a.IsRdma == true) != (b.IsRdma == true) || (a.NeedVhostNet == true) != (b.NeedVhostNet == true)
            || (a.VdpaType ?? "") != (b.VdpaType ?? ""))
        {
            warnings.Add(
                $"resource {a.ResourceName}: policies {creator.Metadata.Name} and {other.Metadata.Name} disagree on isRdma/needVhostNet/vdpaType; the device plugin gets {creator.Metadata.Name}'s values. Give them the same values or different resourceNames");
        }
    }

    private static List<string> AddUnique(List<string>? list, string value)
    {
        list ??= [];
        if (!list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }

        return list;
    }
}
