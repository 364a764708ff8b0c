using Sriov.Api.Node.DevicePlugin;

namespace Sriov.Api.Tests.Node;

/// <summary>The device-plugin resource config as upstream's reader takes it (device-plugin.md §1).</summary>
public sealed class ResourceConfigReaderTests
{
    [Fact]
    public void Keys_are_case_insensitive_and_unknown_keys_are_ignored()
    {
        var config = ResourceConfigReader.Parse("""
            {"resourceList":[{"ResourceName":"r","SelectorObj":null,
              "selectors":{"Vendors":["8086"],"isRdma":true,"needVhostNet":true,"PfNames":["ens1#0-3"]}}]}
            """, "c.json");

        var resource = Assert.Single(config.ResourceList!);
        var selector = Assert.Single(resource.Selectors!);
        Assert.Equal("r", resource.ResourceName);
        Assert.Equal(["8086"], selector.Vendors!);
        Assert.True(selector.IsRdma);
        Assert.True(selector.NeedVhostNet);
        Assert.Equal(["ens1#0-3"], selector.PfNames!);
    }

    [Theory]
    [InlineData("""{"resourceList":[{"resourceName":"r","selectors":{"vendors":["8086"]}}]}""", false, 1)]
    [InlineData("""{"resourceList":[{"resourceName":"r","selectors":[{"vendors":["8086"]},{"devices":["154c"]}]}]}""", true, 2)]
    [InlineData("""{"resourceList":[{"resourceName":"r","selectors":[{"vendors":["8086"]}]}]}""", true, 1)]
    public void Selectors_may_be_an_object_or_an_array_and_keep_their_form(string json, bool asArray, int count)
    {
        var config = ResourceConfigReader.Parse(json, "c.json");
        var selectors = config.ResourceList![0].Selectors!;

        Assert.Equal(asArray, selectors.WriteAsArray);
        Assert.Equal(count, selectors.Count);
        Assert.Equal(asArray, ResourceConfigReader.Write(config).Contains("\"selectors\":[", StringComparison.Ordinal));
    }

    [Fact]
    public void Writes_the_operator_form_with_capitalised_flags_and_no_empty_lists()
    {
        var config = new ResourceConfigList
        {
            ResourceList =
            [
                new ResourceConfig
                {
                    ResourceName = "intel",
                    Selectors = ResourceSelectorList.OfOne(new ResourceSelector { Vendors = ["8086"], Devices = ["154c"] }),
                },
            ],
        };

        Assert.Equal(
            """{"resourceList":[{"resourceName":"intel","excludeTopology":false,"selectors":{"vendors":["8086"],"devices":["154c"],"IsRdma":false,"NeedVhostNet":false}}]}""",
            ResourceConfigReader.Write(config));
    }

    [Theory]
    [InlineData("""{"resourceList":[{"resourceName":"r",}]}""", "c.json: invalid device plugin config")]
    [InlineData("""{"resourceList":[{"resourceName":"r","selectors":"x"}]}""", "selectors: expected a selector object or an array of them")]
    [InlineData("""{"resourceList":[{"resourceName":"r","selectors":[1]}]}""", "selectors[0]: expected a selector object")]
    [InlineData("""{"resourceList":[{"resourceName":5}]}""", "at $.resourceList[0].resourceName")]
    [InlineData("null", "expected {\"resourceList\":[...]}")]
    public void Bad_config_is_an_error_naming_the_source_and_path(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => ResourceConfigReader.Parse(json, "c.json"));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_selectors_stay_null()
    {
        var config = ResourceConfigReader.Parse("""{"resourceList":[{"resourceName":"r"}]}""", "c.json");

        Assert.Null(config.ResourceList![0].Selectors);
    }
}
