using Sriov.Api.Bridges;
using Sriov.Api.NodeStates;
using Sriov.Api.Policies;

namespace Sriov.Operator.Render;

/// <summary>
/// Managed OVS bridges (feature gate <c>manageSoftwareBridges</c>, operator.md §2.3 <c>applyBridge</c>): a policy with
/// <c>bridge.ovs</c> puts each selected PF in its own bridge <c>br-&lt;pci&gt;</c>; a selecting policy without one
/// removes the bridge of that PF.
/// </summary>
internal static class BridgeBuilder
{
    public static void Apply(SriovNetworkNodePolicy policy, IReadOnlyList<InterfaceExt> selected, SortedDictionary<string, OvsConfigExt> bridges)
    {
        var spec = policy.Spec;
        var ovs = spec.Bridge?.Ovs;
        if (ovs is null)
        {
            foreach (var nic in selected)
            {
                foreach (var name in bridges.Where(b => b.Value.Uplinks?.Any(u => u.PciAddress == nic.PciAddress) == true).Select(b => b.Key).ToList())
                {
                    bridges.Remove(name);
                }
            }

            return;
        }

        if (spec.ESwitchMode != "switchdev")
        {
            throw new RenderException($"SriovNetworkNodePolicy {policy.Metadata.Name}: bridge requires eSwitchMode switchdev; set it or remove bridge");
        }

        if (!string.IsNullOrEmpty(spec.LinkType) && !string.Equals(spec.LinkType, "eth", StringComparison.OrdinalIgnoreCase))
        {
            throw new RenderException($"SriovNetworkNodePolicy {policy.Metadata.Name}: bridge requires linkType eth, found {spec.LinkType}");
        }

        if (spec.ExternallyManaged == true)
        {
            throw new RenderException($"SriovNetworkNodePolicy {policy.Metadata.Name}: bridge cannot be used with externallyManaged: true");
        }

        foreach (var nic in selected)
        {
            var name = "br-" + nic.PciAddress.Replace(':', '_');
            var iface = Copy(ovs.Uplink?.Interface);
            if (spec.Mtu > 0)
            {
                iface ??= new OvsInterfaceConfig();
                iface.MtuRequest = spec.Mtu;
            }

            bridges[name] = new OvsConfigExt
            {
                Name = name,
                Bridge = Copy(ovs.Bridge),
                Uplinks = [new OvsUplinkConfigExt { PciAddress = nic.PciAddress, Name = nic.Name, Interface = iface }],
            };
        }
    }

    private static OvsBridgeConfig? Copy(OvsBridgeConfig? b) => b is null ? null : new OvsBridgeConfig
    {
        DatapathType = b.DatapathType,
        FailMode = b.FailMode,
        ExternalIds = b.ExternalIds is null ? null : new(b.ExternalIds),
        OtherConfig = b.OtherConfig is null ? null : new(b.OtherConfig),
    };

    private static OvsInterfaceConfig? Copy(OvsInterfaceConfig? i) => i is null ? null : new OvsInterfaceConfig
    {
        Type = i.Type,
        MtuRequest = i.MtuRequest,
        Options = i.Options is null ? null : new(i.Options),
        ExternalIds = i.ExternalIds is null ? null : new(i.ExternalIds),
        OtherConfig = i.OtherConfig is null ? null : new(i.OtherConfig),
    };
}
