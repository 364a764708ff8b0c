using Sriov.Api.Policies;
using Sriov.Operator.Render;
using Sriov.Operator.Tests.Fixtures;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Render;

/// <summary>Policy → node-state spec (operator.md §2.3): selection, VF ranges and what each interface gets.</summary>
public sealed class NodeSpecTests
{
    private static readonly Api.NodeStates.InterfaceExt Ens1 = Nic("ens1f0", "0000:17:00.0", altNames: "enp23s0f0");
    private static readonly Api.NodeStates.InterfaceExt Ens2 = Nic("ens2f0", "0000:18:00.0", device: "1592");
    private static readonly Api.NodeStates.InterfaceExt Cx6 = Nic("ens3f0np0", "0000:3b:00.0", vendor: "15b3", device: "101d");

    [Theory]
    [InlineData("ens1f0#2-5", "ens1f0=r:2-5")]
    [InlineData("ens1f0", "ens1f0=r:0-7")]
    [InlineData("enp23s0f0#2-5", "ens1f0=r:2-5")] // an alt-name's range counts (upstream ignores it)
    [InlineData("enp23s0f0", "ens1f0=r:0-7")]
    [InlineData("ens9f0", "")]
    public void PfNames_entry_sets_the_vf_range(string pfName, string expected)
    {
        var render = RenderOne([Policy("p", "r", 8, pfName)], Ens1, Ens2);

        Assert.Equal(NodeStateAction.Update, render.Action);
        Assert.Equal(expected, Describe(render));
    }

    [Fact]
    public void Selection_by_vendor_device_or_root_device_claims_the_whole_pf()
    {
        var byVendor = Policy("v", "intel", 4, edit: s => s.NicSelector = new NicSelector { Vendor = "8086", DeviceId = "1592" });
        var byRoot = Policy("m", "mlx", 2, edit: s => s.NicSelector = new NicSelector { RootDevices = ["0000:3b:00.0"] });

        var render = RenderOne([byVendor, byRoot], Ens1, Ens2, Cx6);

        // Both at priority 99: "m" is applied before "v", so its PF comes first.
        Assert.Equal("ens3f0np0=mlx:0-1;ens2f0=intel:0-3", Describe(render));
    }

    [Fact]
    public void Interface_carries_the_policy_settings_and_pf_name_from_status()
    {
        var policy = Policy("p", "r", 8, "ens1f0#0-3", edit: s =>
        {
            s.Mtu = 9000;
            s.LinkType = "eth";
            s.ESwitchMode = "switchdev";
            s.ExternallyManaged = true;
            s.IsRdma = true;
            s.VdpaType = "vhost";
            s.ESwitchParams = new ESwitchParams { Multiport = true };
        });

        var pf = Assert.Single(RenderOne([policy], Ens1).Spec.Interfaces!);

        Assert.Equal(("0000:17:00.0", "ens1f0", 8, 9000, "eth", "switchdev", true), (pf.PciAddress, pf.Name, pf.NumVfs, pf.Mtu, pf.LinkType, pf.ESwitchMode, pf.ExternallyManaged));
        Assert.True(pf.ESwitchParams!.Multiport);
        var group = Assert.Single(pf.VfGroups!);
        Assert.Equal(("r", "netdevice", "0-3", "p", 9000, true, "vhost"), (group.ResourceName, group.DeviceType, group.VfRange, group.PolicyName, group.Mtu, group.IsRdma, group.VdpaType));
    }

    [Fact]
    public void Zero_valued_settings_are_omitted_like_upstream_omitempty()
    {
        var group = Assert.Single(Assert.Single(RenderOne([Policy("p", "r", 2, "ens1f0")], Ens1).Spec.Interfaces!).VfGroups!);

        Assert.Null(group.Mtu);
        Assert.Null(group.IsRdma);
        Assert.Null(group.VdpaType);
    }

    [Fact]
    public void Policy_with_zero_vfs_configures_nothing()
    {
        var render = RenderOne([Policy("p", "r", 0, "ens1f0")], Ens1);

        Assert.Null(render.Spec.Interfaces);
    }

    [Fact]
    public void Policy_whose_node_selector_does_not_match_is_not_applied()
    {
        var policy = Policy("p", "r", 4, "ens1f0", edit: s => s.NodeSelector = new() { ["zone"] = "b" });

        Assert.Null(RenderOne([policy], Ens1).Spec.Interfaces);
    }

    [Fact]
    public void Malformed_range_fails_the_node_and_names_the_policy()
    {
        var render = RenderOne([Policy("bad", "r", 8, "ens1f0#a-c")], Ens1);

        Assert.Equal(NodeStateAction.Failed, render.Action);
        Assert.Null(render.DevicePluginJson);
        Assert.Null(render.DevicePluginLabel);
        Assert.StartsWith("SriovNetworkNodePolicy bad: nicSelector.pfNames entry \"ens1f0#a-c\" has a range bound", Assert.Single(render.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_sets_the_rdma_mode()
    {
        var context = Context([Policy("p", "r", 2, "ens1f0")], pools: [Pool("all", null, rdmaMode: "exclusive")]);

        Assert.Equal("exclusive", RenderOne(context, Ens1).Spec.System!.RdmaMode);
    }

    [Fact]
    public void Node_in_two_pools_fails_with_a_message_naming_both()
    {
        var context = Context([], pools: [Pool("a", null, "shared"), Pool("b", null, "exclusive")]);

        var render = RenderOne(context, Ens1);

        Assert.Equal(NodeStateAction.Failed, render.Action);
        Assert.Contains("more than one SriovNetworkPoolConfig (a, b)", Assert.Single(render.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Hardware_offload_pool_does_not_count()
    {
        var hwol = Pool("ovs", null, "exclusive");
        hwol.Spec.OvsHardwareOffloadConfig = new() { Name = "worker" };

        Assert.Null(RenderOne(Context([], pools: [hwol]), Ens1).Spec.System);
    }

    internal static string Describe(NodeRender render) =>
        string.Join(";", (render.Spec.Interfaces ?? []).Select(i => $"{i.Name}={Make.Groups(i)}"));
}
