using System.Text.Json;
using k8s.Models;
using Sriov.Api.Networks;
using Sriov.Operator.Admission;
using Sriov.Operator.Networks;
using Sriov.Api.SupportedNics;
using Sriov.Operator.Tests.Fixtures;

namespace Sriov.Operator.Tests.Networks;

/// <summary>
/// SriovNetwork output must be accepted by the sriov CNI: admission allows a network exactly when our CNI's own config
/// parser and validator (<see cref="SriovCniParser"/>) accept what it renders, so a network that admission lets through
/// never fails every pod at start, and admission refuses nothing the CNI would run. The IB and OVS outputs are checked
/// against the upstream key lists of their CNIs.
/// </summary>
public sealed class CniAcceptanceTests
{
    private static readonly ClusterState Cluster = new(Make.Settings, [], [], [], [], SupportedNicList.BuiltIn);

    /// <summary>The keys the sriov CNI reads (cni.md §1.2); the renderer writing any other would be a bug the CNI hides.</summary>
    private static readonly string[] SriovCniKeys =
    [
        "cniVersion", "name", "type", "deviceID", "vlan", "vlanQoS", "vlanProto", "mac", "spoofchk", "trust",
        "link_state", "min_tx_rate", "max_tx_rate", "ipam", "dns", "runtimeConfig", "capabilities", "logLevel", "logFile",
    ];

    public static TheoryData<int?, int?, string?, string?, string?, string?, int?, int?, string?> Grid()
    {
        var data = new TheoryData<int?, int?, string?, string?, string?, string?, int?, int?, string?>();
        foreach (var vlan in new int?[] { null, 0, 100, 4094 })
        {
            foreach (var qos in new int?[] { null, 0, 7 })
            {
                foreach (var proto in new[] { null, "802.1q", "802.1AD" })
                {
                    data.Add(vlan, qos, proto, null, null, null, null, null, null);
                }
            }
        }

        data.Add(1, null, null, "on", "off", "auto", 0, 0, null);
        data.Add(1, null, null, "off", "on", "enable", 100, 1000, null);
        data.Add(1, null, null, null, null, "disable", 1000, 100, null);
        data.Add(null, null, null, null, null, null, 1000, 0, null);
        data.Add(null, null, null, null, null, null, 100, 100, null);
        data.Add(null, null, null, null, null, null, null, 500, null);
        foreach (var logFile in new[] { "/var/log/sriov.log", "/var/log/cni/net-1.log", "/tmp/sriov.log", "/var/log/../etc/shadow", "/var/log/./x.log", "/var/log/", "var/log/x.log", "/var/logs/x.log" })
        {
            data.Add(10, null, null, null, null, null, null, null, logFile);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void Admission_allows_a_network_exactly_when_the_cni_accepts_its_rendered_config(
        int? vlan, int? qos, string? proto, string? spoofChk, string? trust, string? linkState, int? minRate, int? maxRate, string? logFile)
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
                LogFile = logFile,
                Ipam = "{\"type\": \"host-local\", \"subnet\": \"10.1.0.0/24\"}",
                Capabilities = "{\"mac\": true}",
            },
        };

        var verdict = NetworkValidator.Review(network, AdmissionOperation.Create, Cluster);
        var config = NetworkRenderer.Render(network, Make.Settings, null, []).Nad!.Spec.Config!;
        var cniError = SriovCniParser.Check(config);

        Assert.True(verdict.Allowed == (cniError is null), $"admission: {verdict.Message}; cni: {cniError}");
        Assert.All(Keys(config), key => Assert.Contains(key, SriovCniKeys));
    }

    [Fact]
    public void Metaplugin_chain_keeps_the_sriov_plugin_acceptable()
    {
        var network = new SriovNetwork
        {
            Metadata = new V1ObjectMeta { Name = "chain", NamespaceProperty = "demo" },
            Spec = new SriovNetworkSpec { ResourceName = "r", Vlan = 10, LogLevel = "debug", MetaPlugins = "{\"type\": \"tuning\"}" },
        };

        var config = NetworkRenderer.Render(network, Make.Settings, null, []).Nad!.Spec.Config!;

        Assert.Contains("\"plugins\"", config, StringComparison.Ordinal);
        Assert.Null(SriovCniParser.Check(config));
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"vlanQoS\":1}", "code 7: vlanQoS 1 is set but vlan is not")]
    [InlineData("{\"cniVersion\":\"9.9.9\",\"name\":\"n\",\"type\":\"sriov\"}", "code 1:")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"-n\",\"type\":\"sriov\"}", "code 7: name \"-n\" is invalid")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"vlan\":\"1\"}", "code 7: vlan")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"link_state\":\"up\"}", "code 7: link_state \"up\" is invalid")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"sriov\",\"vlan\":1,\"logFile\":\"/etc/x\"}", "code 7: logFile \"/etc/x\"")]
    public void The_parser_used_here_is_the_cni_s_and_rejects_what_it_rejects(string config, string error) =>
        Assert.StartsWith(error, SriovCniParser.Check(config), StringComparison.Ordinal);

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
