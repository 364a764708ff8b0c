using Sriov.DevicePlugin.Config;

namespace Sriov.DevicePlugin.Tests.Config;

public class ConfigValidatorTests
{
    private static PoolConfig Parse(string json) => ConfigLoader.Parse(json, "config.json", "intel.com");

    private static string Error(string json) => Assert.Throws<ConfigException>(() => Parse(json)).Message;

    [Fact]
    public void Upstreams_example_a_becomes_three_pools_in_config_order()
    {
        var config = Parse("""
            {"resourceList":[
              {"resourceName":"intel_sriov_netdevice",
               "selectors":[{"vendors":["8086"],"devices":["154c","10ed","1889"],"drivers":["iavf","i40evf","ixgbevf"]}]},
              {"resourceName":"intel_sriov_dpdk","resourcePrefix":"example.com",
               "selectors":[{"vendors":["8086"],"drivers":["vfio-pci"],"pfNames":["ens1f0#0-3"],"needVhostNet":true}]},
              {"resourceName":"pf1_vfs_4_to_7","selectors":{"rootDevices":["0000:86:00.1#4-7"]}}
            ]}
            """);
        Assert.Equal(["intel.com/intel_sriov_netdevice", "example.com/intel_sriov_dpdk", "intel.com/pf1_vfs_4_to_7"], config.Pools.Select(p => p.FullName));
        Assert.Equal("example.com_intel_sriov_dpdk.sock", config.Pools[1].SocketName);
        var dpdk = Assert.Single(config.Pools[1].Selectors);
        Assert.True(dpdk.NeedVhostNet);
        Assert.Equal("ens1f0#0-3", Assert.Single(dpdk.PfNames).ToString());
        Assert.Equal(["0000:86:00.1#4-7"], config.Pools[2].Selectors[0].RootDevices.Select(r => r.ToString()));
        Assert.All(config.Pools, p => Assert.Equal("netDevice", p.DeviceType));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_unknown_keys_are_ignored()
    {
        var config = Parse("""{"ResourceList":[{"ResourceName":"x","SelectorObj":null,"Selectors":{"IsRdma":true,"PfNames":["p0"],"Vendors":["15B3"]}}]}""");
        var s = Assert.Single(Assert.Single(config.Pools).Selectors);
        Assert.True(s.IsRdma);
        Assert.Equal("p0", Assert.Single(s.PfNames).Target);
        Assert.Equal(["15b3"], s.Vendors);
    }

    [Fact]
    public void An_empty_resource_list_is_a_valid_config_with_no_pools() =>
        Assert.Empty(Parse("""{"resourceList":[]}""").Pools);

    [Theory]
    [InlineData("""{"resourceList":[{"selectors":{}}]}""", "resourceList[0]: resourceName is missing")]
    [InlineData("""{"resourceList":[{"resourceName":"invalid.name","selectors":{}}]}""", "resourceList[0] \"invalid.name\": resourceName \"invalid.name\" must match ^[a-zA-Z0-9_-]+$")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{}},{"resourceName":"a","selectors":{}}]}""", "resourceList[1] \"a\": resource intel.com/a is already defined by resourceList[0]")]
    [InlineData("""{"resourceList":[{"resourceName":"a"}]}""", "resourceList[0] \"a\": selectors is missing")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[]}]}""", "resourceList[0] \"a\": selectors is an empty array")]
    [InlineData("""{"resourceList":[{"resourceName":"a","deviceType":"gpu","selectors":{}}]}""", "deviceType \"gpu\" is not supported")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{"isRdma":true,"vdpaType":"vhost"}}]}""", "resourceList[0] \"a\": selectors: isRdma and vdpaType cannot be used in the same selector object")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{},{"vdpaType":"vhostt"}]}]}""", "selectors[1]: vdpaType \"vhostt\" is not supported")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pfNames":["ens1f0#1-2-3"]}]}]}""", "selectors[0].pfNames[0] \"ens1f0#1-2-3\": function list after '#': \"1-2-3\" has more than one '-'")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pfNames":["ens1f0#1#2"]}]}]}""", "pfNames[0] \"ens1f0#1#2\": has more than one '#'")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pfNames":["ens1f0#x"]}]}]}""", "\"x\" is not an index or a range")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pfNames":["ens1f0#5-2"]}]}]}""", "range \"5-2\" ends before it starts")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"rootDevices":["ens1f0#1"]}]}]}""", "rootDevices[0] \"ens1f0#1\": \"ens1f0\" is not a PF's PCI address")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"vendors":["0x8086"]}]}]}""", "vendors[0] \"0x8086\": expected 4 hex digits")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pciAddresses":["3b:02.0"]}]}]}""", "pciAddresses[0] \"3b:02.0\": expected a full PCI address")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[{"pKeys":["zz"]}]}]}""", "pKeys[0] \"zz\": expected a 16-bit hex partition key")]
    [InlineData("""{"resourceList":[{"resourceName":"sf","deviceType":"auxNetDevice","selectors":{}}]}""", "auxTypes must be [\"sf\"] for auxNetDevice resources (got nothing)")]
    [InlineData("""{"resourceList":[{"resourceName":"sf","deviceType":"auxNetDevice","selectors":{"auxTypes":["sf","eth"]}}]}""", "auxTypes must be [\"sf\"] for auxNetDevice resources (got [\"sf\",\"eth\"])")]
    [InlineData("""{"resourceList":[{"resourceName":"a","resourcePrefix":"Bad_Prefix","selectors":{}}]}""", "the kubelet would refuse this resource (resourcePrefix \"Bad_Prefix\")")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{},}]}""", "config.json: invalid device plugin config")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":"x"}]}""", "selectors: expected a selector object or an array of them")]
    public void Invalid_configs_are_refused_naming_the_resource_and_the_field(string json, string expected) =>
        Assert.Contains(expected, Error(json), StringComparison.Ordinal);

    [Fact]
    public void Every_mistake_is_reported_not_only_the_first()
    {
        var message = Error("""{"resourceList":[{"resourceName":"a.b","selectors":{}},{"resourceName":"c"}]}""");
        Assert.Contains("resourceList[0] \"a.b\"", message, StringComparison.Ordinal);
        Assert.Contains("resourceList[1] \"c\": selectors is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_under_two_prefixes_is_allowed_and_the_default_prefix_comes_from_the_flag()
    {
        var config = ConfigLoader.Parse("""{"resourceList":[{"resourceName":"10G","selectors":{}},{"resourceName":"10G","resourcePrefix":"acme.com","selectors":{}}]}""",
            "c", "example.com");
        Assert.Equal(["example.com/10G", "acme.com/10G"], config.Pools.Select(p => p.FullName));
    }

    [Fact]
    public void Fields_that_do_not_apply_to_the_device_type_are_ignored_with_a_warning()
    {
        var config = Parse("""{"resourceList":[{"resourceName":"fec","deviceType":"accelerator","selectors":{"vendors":["8086"],"pfNames":["ens1f0"],"acpiIndexes":["1"]}}]}""");
        var s = Assert.Single(Assert.Single(config.Pools).Selectors);
        Assert.Empty(s.PfNames);
        Assert.Empty(s.AcpiIndexes);
        Assert.Equal(2, config.Warnings.Count);
        Assert.Contains(config.Warnings, w => w == "config.json: resourceList[0] \"fec\": selectors: pfNames does not apply to accelerator resources; ignored");
        Assert.Equal("net-accel", config.Pools[0].CdiKind);
    }

    [Fact]
    public void Isrdma_and_vdpatype_in_different_selector_objects_are_fine() =>
        Assert.Equal(2, Assert.Single(Parse("""{"resourceList":[{"resourceName":"a","selectors":[{"isRdma":true},{"vdpaType":"virtio"}]}]}""").Pools).Selectors.Count);

    [Fact]
    public void Partition_keys_compare_as_numbers() =>
        Assert.Equal([0x7fff], Parse("""{"resourceList":[{"resourceName":"ib","selectors":{"pKeys":["0x7FFF","7fff"]}}]}""").Pools[0].Selectors[0].PKeys);

    [Fact]
    public void A_missing_file_names_the_path_and_what_to_do()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/pcidp/config.json", "intel.com"));
        Assert.Equal("/nonexistent/pcidp/config.json: the device plugin config file does not exist; pass -config-file or mount the config there", e.Message);
    }
}
