using k8s.Models;
using Sriov.Api.Common;
using Sriov.Operator.Render;
using Sriov.Operator.Tests.Fixtures;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Render;

/// <summary>The whole-cluster render (operator.md §2.1, §2.3–2.5) and its per-node memo.</summary>
public sealed class ClusterRendererTests
{
    private static readonly Api.NodeStates.InterfaceExt Ens1 = Nic("ens1f0", "0000:17:00.0");

    [Fact]
    public void Default_node_set_is_linux_workers()
    {
        var nodes = new[]
        {
            Node("w0"),
            BareNode("master", new() { ["node-role.kubernetes.io/master"] = "", [SriovLabels.Os] = "linux" }),
            BareNode("win", new() { [SriovLabels.WorkerRole] = "", [SriovLabels.Os] = "windows" }),
            BareNode("nolabels"),
        };

        var render = new ClusterRenderer().Render(Context([]), nodes, []);

        Assert.Equal(["w0"], render.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public void Config_daemon_node_selector_replaces_the_default()
    {
        var config = OperatorConfig(c => c.ConfigDaemonNodeSelector = new() { ["sriov"] = "true" });

        var render = new ClusterRenderer().Render(Context([], config), [Node("w0"), BareNode("edge", new() { ["sriov"] = "true" })], []);

        Assert.Equal(["edge"], render.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public void Missing_node_state_is_created_empty_and_unreported_status_leaves_the_spec()
    {
        var existing = State("w1");
        existing.Spec.Interfaces = [new() { PciAddress = "0000:17:00.0", NumVfs = 4 }];
        var context = Context([Policy("p", "r", 2, "ens1f0")], pools: [Pool("all", null, "shared")]);

        var render = new ClusterRenderer().Render(context, [Node("w0"), Node("w1")], [existing]);

        var created = render.Nodes.Single(n => n.NodeName == "w0");
        Assert.Equal(NodeStateAction.Create, created.Action);
        Assert.Null(created.Spec.Interfaces);
        Assert.Equal("shared", created.Spec.System!.RdmaMode);
        var waiting = render.Nodes.Single(n => n.NodeName == "w1");
        Assert.Equal(NodeStateAction.WaitForStatus, waiting.Action);
        Assert.Same(existing.Spec, waiting.Spec);
        Assert.Contains(render.Warnings, w => w.StartsWith("node w1: the config daemon has not reported", StringComparison.Ordinal));
        Assert.Equal(2, render.DevicePluginConfigData.Count); // device-plugin config needs no status
    }

    [Fact]
    public void Policies_outside_the_operator_namespace_and_the_legacy_default_policy_are_ignored()
    {
        var context = Context([Policy("elsewhere", "r", 2, "ens1f0", ns: "other"), Policy("default", "r", 2, "ens1f0")]);

        Assert.Empty(context.Policies);
        Assert.Contains(context.Warnings, w => w.Contains("SriovNetworkNodePolicy other/elsewhere is not used", StringComparison.Ordinal));
    }

    [Fact]
    public void Operator_config_other_than_default_is_ignored_with_a_warning()
    {
        var context = Context([], OperatorConfig(c => c.ConfigDaemonNodeSelector = new() { ["x"] = "y" }, name: "mine"));

        Assert.Null(context.OperatorConfig);
        Assert.Same(RenderContext.DefaultNodeSelector, context.NodeSelector);
        Assert.Contains(context.Warnings, w => w.Contains("SriovOperatorConfig sriov-network-operator/mine is not used", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_sees_policies_as_the_mutating_webhook_leaves_them()
    {
        var ib = Policy("ib", "r", 2, "ens1f0", edit: s => s.LinkType = "IB");

        var context = Context([ib]);

        Assert.Equal((99, true), (context.Policies[0].Spec.Priority, context.Policies[0].Spec.IsRdma));
        Assert.Null(ib.Spec.Priority); // the input is not changed
    }

    [Fact]
    public void Stale_states_and_labels_of_nodes_that_left_the_set_are_reported()
    {
        var gone = BareNode("old", new() { [SriovLabels.DevicePlugin] = "Enabled" });

        var render = new ClusterRenderer().Render(Context([]), [Node("w0"), gone], [State("w0", Ens1), State("old"), State("deleted")]);

        Assert.Equal(["deleted", "old"], render.StaleNodeStates);
        Assert.Contains(new NodeLabel("old", null), render.NodeLabels);
        Assert.Contains(new NodeLabel("w0", SriovLabels.Disabled), render.NodeLabels);
    }

    [Fact]
    public void Node_states_outside_the_operator_namespace_are_ignored()
    {
        var foreign = State("w0", Ens1);
        foreign.Metadata.NamespaceProperty = "other";

        var render = new ClusterRenderer().Render(Context([Policy("p", "r", 2, "ens1f0")]), [Node("w0")], [foreign]);

        Assert.Equal(NodeStateAction.Create, render.Nodes.Single().Action);
    }

    [Fact]
    public void Failed_node_keeps_its_current_device_plugin_entry()
    {
        var current = new Dictionary<string, string> { ["w0"] = "{\"resourceList\":[]}" };

        var render = new ClusterRenderer().Render(Context([Policy("bad", "r", 8, "ens1f0#x")]), [Node("w0")], [State("w0", Ens1)], current);

        Assert.Equal("{\"resourceList\":[]}", render.DevicePluginConfigData["w0"]);
        Assert.DoesNotContain(render.NodeLabels, l => l.NodeName == "w0");
        Assert.StartsWith("node w0: SriovNetworkNodePolicy bad", Assert.Single(render.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_nodes_come_from_the_memo_and_a_change_re_renders_that_node_only()
    {
        var renderer = new ClusterRenderer();
        var context = Context([Policy("p", "r", 2, "ens1f0", edit: s => s.NodeSelector = new() { ["sriov"] = "on" })]);
        var nodes = Enumerable.Range(0, 10).Select(i => Node($"w{i}", "sriov=on")).ToList();
        var states = nodes.Select(n => State(n.Metadata.Name, Ens1)).ToList();

        Assert.Equal(10, renderer.Render(context, nodes, states).RenderedNodeCount);
        Assert.Equal(0, renderer.Render(context, nodes, states).RenderedNodeCount);

        nodes[3] = Node("w3", "sriov=off");
        var afterLabel = renderer.Render(context, nodes, states);
        Assert.Equal(1, afterLabel.RenderedNodeCount);
        Assert.Equal(SriovLabels.Disabled, afterLabel.NodeLabels.Single(l => l.NodeName == "w3").Value);

        states[5] = State("w5", Nic("ens1f0", "0000:17:00.0", altNames: "new-altname"));
        Assert.Equal(1, renderer.Render(context, nodes, states).RenderedNodeCount);

        states[6] = State("w6", Ens1); // a new object with the same status: no render
        Assert.Equal(0, renderer.Render(context, nodes, states).RenderedNodeCount);

        var newContext = Context(context.Policies);
        Assert.Equal(10, renderer.Render(newContext, nodes, states).RenderedNodeCount);
    }

    [Fact]
    public void Same_resource_version_counts_as_unchanged()
    {
        var renderer = new ClusterRenderer();
        var context = Context([]);
        var a = State("w0", Ens1);
        a.Metadata.Uid = "u";
        a.Metadata.ResourceVersion = "7";
        renderer.Render(context, [Node("w0")], [a]);
        var b = State("w0", Nic("ens2f0", "0000:18:00.0"));
        b.Metadata.Uid = "u";
        b.Metadata.ResourceVersion = "7";

        Assert.Equal(0, renderer.Render(context, [Node("w0")], [b]).RenderedNodeCount);
    }

    [Theory]
    [InlineData(60, false, false)]
    [InlineData(80, true, false)]
    [InlineData(100, false, true)]
    public void ConfigMap_size_is_reported_with_a_warning_near_and_an_error_over_one_mebibyte(int nodes, bool warning, bool error)
    {
        // ~12 KiB of device-plugin config per node.
        var pfNames = Enumerable.Range(0, 200).Select(i => $"a-long-interface-alt-name-to-make-the-config-large-{i:000}").ToList();
        var policy = Policy("p", "r", 1, edit: s => s.NicSelector = new() { PfNames = pfNames });
        var list = Enumerable.Range(0, nodes).Select(i => Node($"w{i}")).ToList();

        var render = new ClusterRenderer().Render(Context([policy]), list, []);

        Assert.Equal(render.DevicePluginConfigData.Values.Sum(v => (long)System.Text.Encoding.UTF8.GetByteCount(v)), render.DevicePluginConfigBytes);
        Assert.Equal(warning, render.Warnings.Any(w => w.Contains("close to the API server's limit of 1 MiB", StringComparison.Ordinal)));
        Assert.Equal(error, render.Errors.Any(e => e.Contains("over the API server's limit of 1 MiB", StringComparison.Ordinal)));
    }

    [Fact]
    public void Owner_reference_points_at_the_operator_config_when_its_uid_is_known()
    {
        var owner = Context([]).Owner!;

        Assert.Equal(("SriovOperatorConfig", "default", "uid-config", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Null(new RenderContext(Settings, [], new Api.OperatorConfigs.SriovOperatorConfig { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = Ns } }, [], Sriov.Api.SupportedNics.SupportedNicList.BuiltIn).Owner);
    }
}
