using System.Text.Json;
using k8s.Models;
using Sriov.Api.Networks;
using Sriov.Operator.Admission;
using Sriov.Operator.Networks;
using Sriov.Api.SupportedNics;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Networks;

/// <summary>
/// SriovNetwork output must be accepted by the sriov CNI's config parser. Until cni/Sriov.Cni has its parser this
/// checks against <see cref="SriovNetconfRules"/> (cni.md §1.4); switch to the real parser when it lands. The IB and
/// OVS outputs are checked against the upstream key lists of their CNIs.
/// </summary>
public sealed class CniAcceptanceTests
{
    private static readonly ClusterState Cluster = new(Make.Settings, [], [], [], [], SupportedNicList.BuiltIn);

    public static TheoryData<int?, int?, string?, string?, string?, string?, int?, int?> Grid()
    {
        var data = new TheoryData<int?, int?, string?, string?, string?, string?, int?, int?>();
        foreach (var vlan in new int?[] { null, 0, 100, 4094 })
        {
            foreach (var qos in new int?[] { null, 0, 7 })
            {
                foreach (var proto in new[] { null, "802.1q", "802.1AD" })
                {
                    data.Add(vlan, qos, proto, null, null, null, null, null);
                }
            }
        }

        data.Add(1, null, null, "on", "off", "auto", 0, 0);
        data.Add(1, null, null, "off", "on", "enable", 100, 1000);
        data.Add(1, null, null, null, null, "disable", 1000, 100);
        data.Add(null, null, null, null, null, null, null, 500);
        return data;
    }

    /// <summary>Admission allows a SriovNetwork exactly when the CNI accepts the rendered config.</summary>
    [Theory]
    [MemberData(nameof(Grid))]
    public void Allowed_networks_render_to_configs_the_cni_accepts_and_rejected_ones_to_configs_it_rejects(
        int? vlan, int? qos, string? proto, string? spoofChk, string? trust, string? linkState, int? minRate, int? maxRate)
    {
        var network = new SriovNetwork
        {
            Metadata = new V1ObjectMeta { Name = "net-1", NamespaceProperty = "demo" },
            Spec = new SriovNetworkSpec
            {
                ResourceName = "r",
                Vlan = vlan,
                VlanQoS = qos,
                VlanProto = proto,
                SpoofChk = spoofChk,
                Trust = trust,
                LinkState = linkState,
                MinTxRate = minRate,
                MaxTxRate = maxRate,
                LogLevel = "info",
                Ipam = "{\"type\": \"host-local\", \"subnet\": \"10.1.0.0/24\"}",
                Capabilities = "{\"mac\": true}",
            },
        };

        var verdict = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster);
        var render = NetworkRenderer.Render(network, Make.Settings, null, []);
        var cniError = SriovNetconfRules.Check(render.Nad!.Spec.Config!);

        // min > max passes the CNI's parser (it is the driver that refuses it later), so admission is stricter there.
        var rateConflict = minRate > 0 && maxRate > 0 && minRate > maxRate;
        Assert.Equal(verdict.Allowed, cniError is null && !rateConflict);
        if (!verdict.Allowed && !rateConflict)
        {
            Assert.NotNull(cniError);
        }
    }

    [Fact]
    public void Metaplugin_chain_keeps_the_sriov_plugin_acceptable()
    {
        var network = new SriovNetwork
        {
            Metadata = new V1ObjectMeta { Name = "chain", NamespaceProperty = "demo" },
            Spec = new SriovNetworkSpec { ResourceName = "r", Vlan = 10, LogLevel = "debug", MetaPlugins = "{\"type\": \"tuning\"}" },
        };

        Assert.Null(SriovNetconfRules.Check(NetworkRenderer.Render(network, Make.Settings, null, []).Nad!.Spec.Config!));
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"vlanQoS\":1}", "vlan id must be configured")]
    [InlineData("{\"cniVersion\":\"9.9.9\",\"name\":\"n\",\"type\":\"sriov\"}", "unsupported cniVersion")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"-n\",\"type\":\"sriov\"}", "invalid network name")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"vlan\":\"1\"}", "vlan has JSON type String")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"max-tx-rate\":1}", "unknown key max-tx-rate")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"link_state\":\"up\"}", "invalid link_state value: up")]
    public void The_rules_reject_what_the_cni_rejects(string config, string error) =>
        Assert.Contains(error, SriovNetconfRules.Check(config), StringComparison.Ordinal);

    [Fact]
    public void Ib_sriov_config_uses_only_keys_of_the_ib_sriov_cni()
    {
        var network = new SriovIBNetwork
        {
            Metadata = new V1ObjectMeta { Name = "ib", NamespaceProperty = "hpc" },
            Spec = new SriovIBNetworkSpec { ResourceName = "r", Capabilities = "{\"infinibandGUID\": true}", LinkState = "auto", Ipam = "{\"type\":\"whereabouts\"}" },
        };

        var keys = Keys(NetworkRenderer.Render(network, Make.Settings, null, []).Nad!.Spec.Config!);

        Assert.Equal(["cniVersion", "name", "type", "capabilities", "link_state", "ipam"], keys);
    }

    [Fact]
    public void Ovs_config_uses_only_keys_of_the_ovs_cni()
    {
        var network = new OvsNetwork
        {
            Metadata = new V1ObjectMeta { Name = "ovs", NamespaceProperty = "cnf" },
            Spec = new OvsNetworkSpec { ResourceName = "r", Bridge = "br0", Vlan = 5, Mtu = 9000, InterfaceType = "netdev", Trunk = [new TrunkConfig { Id = 1 }] },
        };

        var keys = Keys(NetworkRenderer.Render(network, Make.Settings, null, []).Nad!.Spec.Config!);

        Assert.Equal(["cniVersion", "name", "type", "bridge", "vlan", "mtu", "trunk", "interface_type", "ipam"], keys);
    }

    private static string[] Keys(string config) =>
        JsonDocument.Parse(config).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
}
