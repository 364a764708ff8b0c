using System.Text;
using Sriov.Cni.Config;
using Sriov.Cni.Skel;
using Sriov.Cni.Tests.Support;
using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Cni.Tests.Core;

/// <summary>Every config rule: the code and a message naming the key and the value, before anything changes.</summary>
public sealed class ValidationTableTests
{
    [Theory]
    // VLAN, QoS and protocol (spec cni.md §1.4).
    [InlineData("""{"vlan":4095}""", 7, "vlan 4095 is invalid")]
    [InlineData("""{"vlan":-1}""", 7, "vlan -1 is invalid")]
    [InlineData("""{"vlanQoS":3}""", 7, "vlanQoS 3 is set but vlan is not")]
    [InlineData("""{"vlanQoS":0}""", 7, "vlanQoS 0 is set but vlan is not")]
    [InlineData("""{"vlanProto":"802.1ad"}""", 7, "vlanProto \"802.1ad\" is set but vlan is not")]
    [InlineData("""{"vlan":10,"vlanQoS":8}""", 7, "vlanQoS 8 is invalid")]
    [InlineData("""{"vlan":10,"vlanQoS":-1}""", 7, "vlanQoS -1 is invalid")]
    [InlineData("""{"vlan":0,"vlanQoS":1}""", 7, "vlanQoS 1 needs a non-zero vlan")]
    [InlineData("""{"vlan":10,"vlanProto":"802.1x"}""", 7, "vlanProto \"802.1x\" is invalid")]
    [InlineData("""{"vlan":0,"vlanProto":"802.1AD"}""", 7, "vlanProto \"802.1ad\" needs a non-zero vlan")]
    // MAC from each source.
    [InlineData("""{"mac":"zz"}""", 7, "mac \"zz\" is not a MAC address")]
    [InlineData("""{"mac":"02:00:00:00:00"}""", 7, "mac \"02:00:00:00:00\" is not a MAC address")]
    [InlineData("""{"mac":"01:00:5e:00:00:01"}""", 7, "mac \"01:00:5e:00:00:01\" is a multicast address")]
    [InlineData("""{"mac":"00:00:00:00:00:00"}""", 7, "is all zeros")]
    [InlineData("""{"runtimeConfig":{"mac":"nope"}}""", 7, "runtimeConfig.mac \"nope\" is not a MAC address")]
    // Rates.
    [InlineData("""{"min_tx_rate":200,"max_tx_rate":100}""", 7, "min_tx_rate 200 is above max_tx_rate 100")]
    [InlineData("""{"min_tx_rate":-1}""", 7, "min_tx_rate -1 is invalid")]
    [InlineData("""{"max_tx_rate":-5}""", 7, "max_tx_rate -5 is invalid")]
    // Link state, spoofchk, trust.
    [InlineData("""{"link_state":"up"}""", 7, "link_state \"up\" is invalid")]
    [InlineData("""{"link_state":"Enable"}""", 7, "link_state \"Enable\" is invalid")]
    [InlineData("""{"spoofchk":"yes"}""", 7, "spoofchk \"yes\" is invalid")]
    [InlineData("""{"trust":"ON"}""", 7, "trust \"ON\" is invalid")]
    // deviceID becomes a path component: only a canonical PCI address passes.
    [InlineData("""{"deviceID":null}""", 7, "deviceID is required")]
    [InlineData("""{"deviceID":"0000:AF:06.0"}""", 7, "deviceID \"0000:AF:06.0\" is not a PCI address")]
    [InlineData("""{"deviceID":"af:06.0"}""", 7, "deviceID \"af:06.0\" is not a PCI address")]
    [InlineData("""{"deviceID":"../../etc/passwd"}""", 7, "deviceID \"../../etc/passwd\" is not a PCI address")]
    [InlineData("""{"deviceID":"0000:af:06.8"}""", 7, "is not a PCI address")]
    [InlineData("""{"deviceID":"10000:af:06.0"}""", 7, "is not a PCI address")]
    // logFile: no input may name a path outside /var/log.
    [InlineData("""{"logFile":"/tmp/sriov.log"}""", 7, "logFile \"/tmp/sriov.log\" must name a file under /var/log")]
    [InlineData("""{"logFile":"/var/log/../etc/cron.d/x"}""", 7, "must name a file under /var/log")]
    [InlineData("""{"logFile":"var/log/x.log"}""", 7, "must name a file under /var/log")]
    [InlineData("""{"logFile":"/var/log/"}""", 7, "must name a file under /var/log")]
    // Types (Go's decoder fails on these; we name the key and the value).
    [InlineData("""{"vlan":"100"}""", 7, "vlan: expected an integer, got \"100\" (a string)")]
    [InlineData("""{"vlan":1.5}""", 7, "vlan: 1.5 is not an integer")]
    [InlineData("""{"spoofchk":false}""", 7, "spoofchk: expected a string, got false (a boolean)")]
    [InlineData("""{"ipam":"host-local"}""", 7, "ipam: expected an object")]
    [InlineData("""{"ipam":{"type":3}}""", 7, "ipam.type: expected a string")]
    [InlineData("""{"runtimeConfig":{"mac":1}}""", 7, "runtimeConfig.mac: expected a string")]
    // The envelope: name, version, JSON.
    [InlineData("""{"name":null}""", 7, "missing network name")]
    [InlineData("""{"name":"bad name"}""", 7, "name \"bad name\" is invalid")]
    [InlineData("""{"cniVersion":"0.9.9"}""", 1, "incompatible CNI versions: config is \"0.9.9\"")]
    [InlineData("""{"cniVersion":"2.0.0"}""", 1, "plugin supports [0.1.0 0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0]")]
    [InlineData("""{"cniVersion":1}""", 6, "cniVersion: expected a string")]
    public void Invalid_configs_are_refused_with_a_code_naming_the_key(string patch, int code, string message)
    {
        var e = Assert.Throws<CniException>(() => Validate(Conf.With(patch)));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", 6, "not valid JSON")]
    [InlineData("[1,2]", 6, "must be a JSON object")]
    [InlineData("", 6, "not valid JSON")]
    public void Undecodable_input_is_code_6(string stdin, int code, string message)
    {
        var e = Assert.Throws<CniException>(() => NetConfLoader.Load(Encoding.UTF8.GetBytes(stdin)));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAC=zz", 4, "CNI_ARGS MAC \"zz\" is not a MAC address")]
    [InlineData("K8S_POD_NAME=x", 4, "CNI_ARGS: unknown args [K8S_POD_NAME]")]
    [InlineData("IgnoreUnknown=maybe", 4, "IgnoreUnknown=\"maybe\" is not a boolean")]
    [InlineData("novalue", 4, "CNI_ARGS: invalid pair \"novalue\"")]
    public void Bad_cni_args_are_code_4(string args, int code, string message)
    {
        var e = Assert.Throws<CniException>(() => Validate(Conf.With("{}"), args));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_asking_nothing_of_the_pf_has_no_settings()
    {
        var settings = Validate(Conf.With("""{"ipam":{"type":"host-local"},"logLevel":"debug","logFile":"/var/log/sriov.log"}"""));
        Assert.True(settings.IsEmpty);
    }

    [Fact]
    public void Every_setting_is_read_with_upstreams_defaults()
    {
        var settings = Validate(Conf.With(
            """{"vlan":100,"vlanQoS":3,"vlanProto":"802.1AD","mac":"CA:FE:C0:FF:EE:00","min_tx_rate":100,"max_tx_rate":200,"spoofchk":"off","trust":"on","link_state":"enable"}"""));
        Assert.Equal((100, 3, VlanProtocol.Dot1AD), settings.Vlan);
        Assert.Equal(MacAddress.Parse("ca:fe:c0:ff:ee:00"), settings.Mac);
        Assert.Equal((100, 200), settings.Rate);
        Assert.Equal((false, true, VfLinkState.Enable), (settings.SpoofCheck, settings.Trust, settings.LinkState));
        Assert.Equal([PfSetting.Vlan, PfSetting.Mac, PfSetting.Rate, PfSetting.SpoofCheck, PfSetting.Trust, PfSetting.LinkState], settings.Requested);

        var defaults = Validate(Conf.With("""{"vlan":7,"min_tx_rate":50}"""));
        Assert.Equal((7, 0, (VlanProtocol?)null), defaults.Vlan);
        Assert.Equal((50, 0), defaults.Rate); // the side not given is sent as 0 (no limit), as upstream
    }

    [Theory]
    [InlineData("""{"mac":"02:00:00:00:00:01"}""", "", "02:00:00:00:00:01")]
    [InlineData("""{"mac":"02:00:00:00:00:01"}""", "IgnoreUnknown=1;MAC=02:00:00:00:00:02;K8S_POD_NAME=p", "02:00:00:00:00:02")]
    [InlineData("""{"mac":"02:00:00:00:00:01","runtimeConfig":{"mac":"02:00:00:00:00:03"}}""", "MAC=02:00:00:00:00:02", "02:00:00:00:00:03")]
    [InlineData("""{"runtimeConfig":{}}""", "MAC=02-00-00-00-00-0A", "02:00:00:00:00:0a")]
    public void Mac_precedence_is_config_then_cni_args_then_runtime_config(string patch, string args, string expected)
    {
        Assert.Equal(MacAddress.Parse(expected), Validate(Conf.With(patch), args).Mac);
    }

    [Fact]
    public void Keys_match_case_insensitively_as_gos_decoder_does_and_unknown_keys_are_ignored()
    {
        var settings = Validate("""{"cniVersion":"0.3.1","NAME":"n","DeviceId":"0000:af:06.0","VLAN":5,"Spoofchk":"on","max-tx-rate":7,"mtu":9000}""");
        Assert.Equal((5, 0, (VlanProtocol?)null), settings.Vlan);
        Assert.True(settings.SpoofCheck);
        Assert.Null(settings.Rate); // "max-tx-rate" with dashes is not a key (sriov-cni #201)
    }

    [Fact]
    public void An_empty_cni_version_is_0_1_0_and_null_values_are_absent()
    {
        var conf = NetConfLoader.Load(Encoding.UTF8.GetBytes("""{"cniVersion":"","name":"n","deviceID":"0000:af:06.0","vlan":null,"max_tx_rate":null}"""));
        Assert.Equal("0.1.0", conf.CniVersion);
        Assert.True(NetConfValidator.Validate(conf, CniArgs.Parse(null)).IsEmpty);
    }

    [Fact]
    public void The_gc_attachment_list_is_read_under_either_key()
    {
        var valid = NetConfLoader.Load(Encoding.UTF8.GetBytes(
            """{"cniVersion":"1.1.0","name":"n","cni.dev/valid-attachments":[{"containerID":"a","ifname":"net1"}]}"""));
        var old = NetConfLoader.Load(Encoding.UTF8.GetBytes(
            """{"cniVersion":"1.1.0","name":"n","cni.dev/attachments":[{"containerID":"b","ifname":"net2"}]}"""));
        Assert.Equal([new Attachment("a", "net1")], valid.ValidAttachments);
        Assert.Equal([new Attachment("b", "net2")], old.ValidAttachments);
    }

    private static PfSettings Validate(string json, string args = "")
    {
        var conf = NetConfLoader.Load(Encoding.UTF8.GetBytes(json));
        return NetConfValidator.Validate(conf, CniArgs.Parse(args));
    }
}
