using Sriov.Api.Node.DevicePlugin;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;
using Sriov.Operator.Admission;
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
        RenderContext context,
        IReadOnlyList<SriovNetworkNodePolicy> policies,
        IReadOnlyList<InterfaceExt> nics,
        bool hasStatus,
        ICollection<string> warnings)
    {
        var resources = new List<ResourceConfig>();
        var byName = new Dictionary<string, (ResourceSelector Selector, SriovNetworkNodePolicy Creator)>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            var spec = policy.Spec;
            var name = spec.ResourceName ?? "";
            ResourceSelector selector;
            if (byName.TryGetValue(name, out var existing))
            {
                selector = existing.Selector;
                resources.First(r => r.ResourceName == name).ExcludeTopology = spec.ExcludeTopology == true;
                WarnOnFlagConflict(existing.Creator, policy, warnings);
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
                byName[name] = (selector, policy);
                resources.Add(new ResourceConfig
                {
                    ResourceName = name,
                    ExcludeTopology = spec.ExcludeTopology == true,
                    Selectors = ResourceSelectorList.OfOne(selector),
                });
            }

            Extend(context, policy, selector, nics, hasStatus);
        }

        return new ResourceConfigList { ResourceList = resources };
    }

    private static void Extend(RenderContext context, SriovNetworkNodePolicy policy, ResourceSelector selector, IReadOnlyList<InterfaceExt> nics, bool hasStatus)
    {
        var spec = policy.Spec;
        var nic = spec.NicSelector ?? new NicSelector();
        if (!string.IsNullOrEmpty(nic.Vendor))
        {
            selector.Vendors = AddUnique(selector.Vendors, nic.Vendor);
        }

        if (!string.IsNullOrEmpty(nic.DeviceId))
        {
            // The device plugin sees VFs, so a policy that creates VFs selects by the VF device id of its PF model.
            var device = (spec.NumVfs ?? 0) > 0 ? context.SupportedNics.VfDeviceFor(nic.Vendor, nic.DeviceId) : nic.DeviceId;
            if (!string.IsNullOrEmpty(device))
            {
                selector.Devices = AddUnique(selector.Devices, device);
            }
        }

        foreach (var raw in nic.PfNames ?? [])
        {
            selector.PfNames = AddUnique(selector.PfNames, ResolveAltName(raw, nics));
        }

        if (!string.IsNullOrEmpty(spec.LinkType) && spec.DeviceType != PolicyMutator.VfioPci)
        {
            // The link type of a VF bound to vfio-pci cannot be detected, so it is not a usable filter then.
            var linkType = string.Equals(spec.LinkType, "ib", StringComparison.OrdinalIgnoreCase) ? "infiniband" : "ether";
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
                    $"SriovNetworkNodePolicy {policy.Metadata.Name} selects NICs by netFilter, which needs the NICs the config daemon reports; the node state has no status.interfaces yet (the next render after the daemon reports will succeed)");
            }

            foreach (var n in nics.Where(n => NicMatcher.NetFilterMatches(nic.NetFilter, n.NetFilter)))
            {
                selector.PciAddresses = AddUnique(selector.PciAddresses, n.PciAddress);
            }
        }
    }

    /// <summary>The device plugin matches real PF names only, so an alt-name is replaced by the PF's name; the range is kept.</summary>
    private static string ResolveAltName(string raw, IReadOnlyList<InterfaceExt> nics)
    {
        var entry = PfNameEntry.Parse(raw);
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
