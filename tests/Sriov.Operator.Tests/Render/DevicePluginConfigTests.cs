using Sriov.Api.Common;
using Sriov.Api.Node.DevicePlugin;
using Sriov.Api.Policies;
using Sriov.Operator.Render;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Render;

/// <summary>A node's device-plugin config (operator.md §2.4).</summary>
public sealed class DevicePluginConfigTests
{
    private static readonly Api.NodeStates.InterfaceExt Ens1 = Nic("ens1f0", "0000:17:00.0", altNames: "enp23s0f0");

    [Fact]
    public void Renders_the_upstream_json_shape()
    {
        var policy = Policy("p", "intel", 8, "ens1f0#0-3", edit: s => s.NicSelector!.Vendor = "8086");

        var render = RenderOne([policy], Ens1);

        Assert.Equal(
            """{"resourceList":[{"resourceName":"intel","excludeTopology":false,"selectors":{"vendors":["8086"],"pfNames":["ens1f0#0-3"],"IsRdma":false,"NeedVhostNet":false}}]}""",
            render.DevicePluginJson);
        Assert.Equal(SriovLabels.Enabled, render.DevicePluginLabel);
    }

    [Theory]
    [InlineData("8086", "159b", 8, "1889")] // VFs exist: select them by the VF device id of the PF model
    [InlineData("8086", "159b", 0, "159b")] // no VFs: the PF itself
    [InlineData("8086", "1528", 8, null)] // unknown model: no devices selector
    [InlineData(null, "101d", 4, "101e")]
    public void Devices_selector_maps_the_pf_device_to_its_vf_device(string? vendor, string device, int numVfs, string? expected)
    {
        var policy = Policy("p", "r", numVfs, edit: s => s.NicSelector = new NicSelector { Vendor = vendor, DeviceId = device });

        var selector = Selector(RenderOne([policy], Ens1), "r");

        Assert.Equal(expected, selector.Devices?.Single());
    }

    [Fact]
    public void Policies_of_one_resource_share_one_selector_with_unique_values()
    {
        var a = Policy("a", "r", 8, "ens1f0#0-3", edit: s => { s.NicSelector!.Vendor = "8086"; s.NicSelector.DeviceId = "159b"; s.NicSelector.RootDevices = ["0000:17:00.0"]; });
        var b = Policy("b", "r", 8, "ens2f0#0-3", edit: s => { s.NicSelector!.Vendor = "8086"; s.NicSelector.DeviceId = "1592"; s.NicSelector.RootDevices = ["0000:17:00.0"]; });
        var c = Policy("c", "other", 2, "ens1f0#4-5");

        var config = RenderOne([a, b, c], Ens1).DevicePluginConfig!;

        Assert.Equal(["r", "other"], config.ResourceList!.Select(r => r.ResourceName));
        var s = Selector(config, "r");
        Assert.Equal(["8086"], s.Vendors!);
        Assert.Equal(["1889"], s.Devices!);
        Assert.Equal(["ens1f0#0-3", "ens2f0#0-3"], s.PfNames!);
        Assert.Equal(["0000:17:00.0"], s.RootDevices!);
        Assert.Null(s.Drivers);
    }

    [Fact]
    public void Alt_names_are_resolved_to_the_pf_name_keeping_the_range()
    {
        var s = Selector(RenderOne([Policy("p", "r", 8, "enp23s0f0#2-3")], Ens1), "r");

        Assert.Equal(["ens1f0#2-3"], s.PfNames!);
    }

    [Theory]
    [InlineData("eth", "netdevice", "ether")]
    [InlineData("ETH", "netdevice", "ether")]
    [InlineData("IB", "netdevice", "infiniband")]
    [InlineData("ib", "netdevice", "infiniband")]
    [InlineData("eth", "vfio-pci", null)] // undetectable under vfio
    [InlineData(null, "netdevice", null)]
    public void Link_type_selector(string? linkType, string deviceType, string? expected)
    {
        var policy = Policy("p", "r", 2, "ens1f0", edit: s => { s.LinkType = linkType; s.DeviceType = deviceType; });

        Assert.Equal(expected, Selector(RenderOne([policy], Ens1), "r").LinkTypes?.Single());
    }

    [Fact]
    public void NetFilter_selects_the_reported_pci_addresses()
    {
        var vm1 = Nic("eth1", "0000:00:05.0", "1af4", "1000", netFilter: "openstack/NetworkID:net-a");
        var vm2 = Nic("eth2", "0000:00:06.0", "1af4", "1000", netFilter: "openstack/NetworkID:net-b");
        var policy = Policy("p", "r", 1, edit: s => s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" });

        Assert.Equal(["0000:00:05.0"], Selector(RenderOne([policy], vm1, vm2), "r").PciAddresses!);
    }

    [Fact]
    public void NetFilter_before_the_daemon_reports_fails_the_node()
    {
        var policy = Policy("p", "r", 1, edit: s => s.NicSelector = new NicSelector { NetFilter = "openstack/NetworkID:net-a" });

        var render = new ClusterRenderer().Render(Context([policy]), [Node("w0")], [State("w0")]).Nodes.Single();

        Assert.Equal(NodeStateAction.Failed, render.Action);
        Assert.Contains("selects NICs by netFilter", Assert.Single(render.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_come_from_the_first_policy_and_disagreement_is_warned_about_while_exclude_topology_is_overwritten()
    {
        var first = Policy("a", "r", 2, "ens1f0#0-0", priority: 20, edit: s => { s.IsRdma = true; s.NeedVhostNet = true; s.VdpaType = "virtio"; s.ExcludeTopology = true; });
        var later = Policy("b", "r", 2, "ens1f0#1-1", priority: 10, edit: s => s.ExcludeTopology = false);

        var render = RenderOne([first, later], Ens1);

        var resource = render.DevicePluginConfig!.ResourceList!.Single();
        var s = Assert.Single(resource.Selectors!);
        Assert.Equal((true, true, "virtio"), (s.IsRdma, s.NeedVhostNet, s.VdpaType));
        Assert.False(resource.ExcludeTopology);
        Assert.Contains(render.Warnings, w => w.Contains("policies a and b disagree on isRdma/needVhostNet/vdpaType", StringComparison.Ordinal));
    }

    [Fact]
    public void Resource_is_advertised_even_when_no_nic_of_the_node_matches()
    {
        var render = RenderOne([Policy("p", "r", 2, "ens9f0")], Ens1);

        Assert.Null(render.Spec.Interfaces);
        Assert.Equal(["ens9f0"], Selector(render, "r").PfNames!);
        Assert.Equal(SriovLabels.Enabled, render.DevicePluginLabel);
    }

    [Fact]
    public void Node_without_policies_gets_an_empty_list_and_the_disabled_label()
    {
        var render = RenderOne([], Ens1);

        Assert.Equal("""{"resourceList":[]}""", render.DevicePluginJson);
        Assert.Equal(SriovLabels.Disabled, render.DevicePluginLabel);
    }

    private static ResourceSelector Selector(NodeRender render, string resource) => Selector(render.DevicePluginConfig!, resource);

    private static ResourceSelector Selector(ResourceConfigList config, string resource) =>
        Assert.Single(config.ResourceList!.Single(r => r.ResourceName == resource).Selectors!);
}
