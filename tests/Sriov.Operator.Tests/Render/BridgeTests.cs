using Sriov.Api.Bridges;
using Sriov.Api.Common;
using Sriov.Operator.Render;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Render;

/// <summary>Managed OVS bridges (feature gate manageSoftwareBridges; operator.md §2.3 applyBridge).</summary>
public sealed class BridgeTests
{
    private static readonly Api.NodeStates.InterfaceExt Pf = Nic("ens3f0np0", "0000:3b:00.0", vendor: "15b3", device: "101d");

    private static Api.Policies.SriovNetworkNodePolicy Switchdev(string name, int priority, bool bridge, int? mtu = null) =>
        Policy(name, "sw", 4, "ens3f0np0", priority: priority, edit: s =>
        {
            s.ESwitchMode = "switchdev";
            s.Mtu = mtu;
            s.Bridge = bridge
                ? new BridgeSpec { Ovs = new OvsConfig { Bridge = new OvsBridgeConfig { DatapathType = "netdev" }, Uplink = new OvsUplinkConfig { Interface = new OvsInterfaceConfig { Type = "dpdk" } } } }
                : null;
        });

    private static RenderContext Gated(params Api.Policies.SriovNetworkNodePolicy[] policies) =>
        Context(policies, OperatorConfig(c => c.FeatureGates = new() { [FeatureGates.ManageSoftwareBridges] = true }));

    [Fact]
    public void Policy_with_a_bridge_puts_each_selected_pf_in_its_own_bridge()
    {
        var render = RenderOne(Gated(Switchdev("p", 10, bridge: true, mtu: 9000)), Pf);

        var bridge = Assert.Single(render.Spec.Bridges!.Ovs!);
        Assert.Equal("br-0000_3b_00.0", bridge.Name);
        Assert.Equal("netdev", bridge.Bridge!.DatapathType);
        var uplink = Assert.Single(bridge.Uplinks!);
        Assert.Equal(("0000:3b:00.0", "ens3f0np0", "dpdk", 9000), (uplink.PciAddress, uplink.Name, uplink.Interface!.Type, uplink.Interface.MtuRequest));
    }

    [Fact]
    public void Later_selecting_policy_without_a_bridge_removes_it()
    {
        var render = RenderOne(Gated(Switchdev("low", 20, bridge: true), Switchdev("high", 10, bridge: false)), Pf);

        Assert.Null(render.Spec.Bridges);
    }

    [Fact]
    public void Without_the_feature_gate_no_bridge_is_rendered()
    {
        Assert.Null(RenderOne([Switchdev("p", 10, bridge: true)], Pf).Spec.Bridges);
    }

    [Theory]
    [InlineData("legacy", null, false, "bridge requires eSwitchMode switchdev")]
    [InlineData("switchdev", "ib", false, "bridge requires linkType eth")]
    [InlineData("switchdev", null, true, "bridge cannot be used with externallyManaged")]
    public void Invalid_bridge_policy_fails_the_node(string mode, string? linkType, bool external, string error)
    {
        var policy = Switchdev("p", 10, bridge: true);
        policy.Spec.ESwitchMode = mode;
        policy.Spec.LinkType = linkType;
        policy.Spec.ExternallyManaged = external;

        var render = RenderOne(Gated(policy), Pf);

        Assert.Equal(NodeStateAction.Failed, render.Action);
        Assert.Contains(error, Assert.Single(render.Errors), StringComparison.Ordinal);
    }
}
