using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.Networks;
using Sriov.Api.NodeStates;
using Sriov.Api.PoolConfigs;
using Sriov.Operator.Admission;
using Sriov.Api.SupportedNics;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Admission;

/// <summary>operator.md §5.3: SriovOperatorConfig, SriovNetworkPoolConfig and the network kinds.</summary>
public sealed class OtherKindsValidatorTests
{
    private static ClusterState Cluster(IEnumerable<SriovNetworkNodeState>? states = null, IEnumerable<SriovNetworkPoolConfig>? pools = null, IReadOnlyCollection<string>? namespaces = null) =>
        new(Settings, [Node("w0", "zone=a"), Node("w1", "zone=b")], states ?? [], [Policy("p", "r", 1)], pools ?? [], SupportedNicList.BuiltIn, namespaces);

    private static SriovNetworkNodeState Syncing(string node, string status)
    {
        var s = State(node);
        s.Status!.SyncStatus = status;
        return s;
    }

    [Theory]
    [InlineData("default", Ns, null, true, null, null)]
    [InlineData("other", Ns, null, false, "must be named \"default\" in namespace sriov-network-operator", null)]
    [InlineData("default", "kube-system", null, false, "must be named \"default\"", null)]
    [InlineData("default", Ns, true, true, null, "spec.disableDrain is true")]
    public void Operator_config_name_and_disable_drain(string name, string ns, bool? disableDrain, bool allowed, string? error, string? warning)
    {
        var result = OperatorConfigValidator.Review(OperatorConfig(c => c.DisableDrain = disableDrain, name, ns), null, AdmissionOperation.Create, Cluster());

        Assert.Equal(allowed, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }

        Assert.Equal(warning is not null, result.Warnings.Any(w => w.StartsWith(warning ?? "-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(false, true, SyncStatuses.InProgress, false)]
    [InlineData(false, true, SyncStatuses.Succeeded, true)]
    [InlineData(true, true, SyncStatuses.InProgress, true)] // already on: not a flip
    [InlineData(false, false, SyncStatuses.InProgress, true)]
    public void Disable_drain_cannot_be_turned_on_while_a_node_is_updating(bool before, bool after, string status, bool allowed)
    {
        var old = OperatorConfig(c => c.DisableDrain = before);

        var result = OperatorConfigValidator.Review(OperatorConfig(c => c.DisableDrain = after), old, AdmissionOperation.Update, Cluster([Syncing("w1", status)]));

        Assert.Equal(allowed, result.Allowed);
        if (!allowed)
        {
            Assert.Contains("can't set spec.disableDrain = true while node w1 is updating", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Operator_config_delete_is_always_allowed() =>
        Assert.True(OperatorConfigValidator.Review(OperatorConfig(name: "x"), null, AdmissionOperation.Delete, Cluster()).Allowed);

    [Fact]
    public void Operator_config_warns_about_unused_and_unknown_settings()
    {
        var result = OperatorConfigValidator.Review(OperatorConfig(c =>
        {
            c.EnableOvsOffload = true;
            c.FeatureGates = new() { ["parallelNicConfig"] = true, ["paralelNicConfig"] = true };
            c.ConfigDaemonNodeSelector = new() { ["zone"] = "z" };
        }), null, AdmissionOperation.Create, Cluster());

        Assert.True(result.Allowed);
        Assert.Contains(result.Warnings, w => w.StartsWith("spec.enableOvsOffload has no effect", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("spec.featureGates.paralelNicConfig is not a known feature gate", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("spec.configDaemonNodeSelector matches no node", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, false, true, null)]
    [InlineData("25%", null, false, true, null)]
    [InlineData("5", null, false, false, "maxUnavailable \"5\" is a string but not a percentage")]
    [InlineData("150%", null, false, false, "must be a percentage from 1% to 100%")]
    [InlineData(null, -1L, false, false, "maxUnavailable -1 is negative")]
    [InlineData("25%", null, true, false, "cannot be combined with maxUnavailable or nodeSelector")]
    [InlineData(null, null, true, true, null)]
    public void Pool_config_max_unavailable_and_hardware_offload(string? text, long? number, bool hwol, bool allowed, string? error)
    {
        var value = number is { } n ? IntegerOrString.FromNumber(n) : text is null ? null : IntegerOrString.FromString(text);
        var pool = Pool("p", null, maxUnavailable: value);
        if (hwol)
        {
            pool.Spec.OvsHardwareOffloadConfig = new() { Name = "worker" };
        }

        var result = PoolConfigValidator.Review(pool, AdmissionOperation.Create, Cluster());

        Assert.Equal(allowed, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pool_config_zero_max_unavailable_is_warned_about() =>
        Assert.Contains("no node of this pool will ever be drained",
            Assert.Single(PoolConfigValidator.Review(Pool("p", null, maxUnavailable: IntegerOrString.FromNumber(0)), AdmissionOperation.Create, Cluster()).Warnings),
            StringComparison.Ordinal);

    [Fact]
    public void Pool_config_that_shares_a_node_with_another_pool_is_rejected()
    {
        var existing = Pool("zone-a", MatchLabels("zone", "a"));

        var result = PoolConfigValidator.Review(Pool("everything", null), AdmissionOperation.Create, Cluster(pools: [existing]));

        Assert.Equal("node w0 is also selected by SriovNetworkPoolConfig zone-a; a node may belong to one pool", result.Message);
    }

    [Fact]
    public void Pool_config_with_a_bad_selector_operator_is_rejected()
    {
        var pool = Pool("p", new V1LabelSelector { MatchExpressions = [new() { Key = "zone", OperatorProperty = "Equals", Values = ["a"] }] });

        Assert.Contains("operator \"Equals\" is not one of", PoolConfigValidator.Review(pool, AdmissionOperation.Create, Cluster()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo", "other", false, "spec.networkNamespace cannot be set when the resource is not in the operator namespace (sriov-network-operator)")]
    [InlineData(Ns, "other", true, null)]
    [InlineData("demo", null, true, null)]
    public void Network_namespace_only_from_the_operator_namespace(string ns, string? target, bool allowed, string? error)
    {
        foreach (var network in Networks(ns, target))
        {
            var result = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster());

            Assert.Equal(allowed, result.Allowed);
            if (error is not null)
            {
                Assert.StartsWith(error, result.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(0, 3, null, null, null, "spec.vlanQoS 3 needs a non-zero spec.vlan")]
    [InlineData(0, 0, "802.1AD", null, null, "spec.vlanProto 802.1ad needs a non-zero spec.vlan")]
    [InlineData(10, 3, "802.1ad", null, null, null)]
    [InlineData(10, 0, null, 200, 100, "spec.minTxRate 200 is greater than spec.maxTxRate 100")]
    [InlineData(10, 0, null, 200, 0, null)]
    public void Sriov_network_vlan_and_rate_rules(int vlan, int qos, string? proto, int? min, int? max, string? error)
    {
        var network = new SriovNetwork
        {
            Metadata = new V1ObjectMeta { Name = "n", NamespaceProperty = "demo" },
            Spec = new SriovNetworkSpec { ResourceName = "r", Vlan = vlan, VlanQoS = qos, VlanProto = proto, MinTxRate = min, MaxTxRate = max },
        };

        var result = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster());

        Assert.Equal(error is null, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, null, null, null)]
    [InlineData(null, 1, 5, null)]
    [InlineData(1, 1, 5, "sets both id and minID/maxID")]
    [InlineData(null, 1, null, "needs id, or both minID and maxID")]
    [InlineData(null, 9, 5, "has minID 9 greater than maxID 5")]
    public void Ovs_trunk_entries(int? id, int? min, int? max, string? error)
    {
        var network = new OvsNetwork
        {
            Metadata = new V1ObjectMeta { Name = "o", NamespaceProperty = "demo" },
            Spec = new OvsNetworkSpec { ResourceName = "r", Trunk = [new TrunkConfig { Id = id, MinId = min, MaxId = max }] },
        };

        var result = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster());

        Assert.Equal(error is null, result.Allowed);
        if (error is not null)
        {
            Assert.Contains(error, result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Network_with_broken_ipam_is_rejected_and_missing_namespace_or_resource_are_warnings()
    {
        var network = new SriovIBNetwork
        {
            Metadata = new V1ObjectMeta { Name = "ib", NamespaceProperty = Ns },
            Spec = new SriovIBNetworkSpec { ResourceName = "nothing", NetworkNamespace = "hpc", Ipam = "{type: host-local}" },
        };

        var result = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster(namespaces: ["default"]));

        Assert.StartsWith("spec.ipam is not valid JSON", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w == "namespace hpc does not exist yet; the NetworkAttachmentDefinition is created when it does");
        Assert.Contains(result.Warnings, w => w.StartsWith("no SriovNetworkNodePolicy advertises resource nothing", StringComparison.Ordinal));
    }

    private static object[] Networks(string ns, string? target) =>
    [
        new SriovNetwork { Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = ns }, Spec = new SriovNetworkSpec { ResourceName = "r", NetworkNamespace = target } },
        new SriovIBNetwork { Metadata = new V1ObjectMeta { Name = "b", NamespaceProperty = ns }, Spec = new SriovIBNetworkSpec { ResourceName = "r", NetworkNamespace = target } },
        new OvsNetwork { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = ns }, Spec = new OvsNetworkSpec { ResourceName = "r", NetworkNamespace = target } },
    ];
}
