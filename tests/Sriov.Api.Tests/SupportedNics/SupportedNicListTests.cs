using Sriov.Api.SupportedNics;

namespace Sriov.Api.Tests.SupportedNics;

public sealed class SupportedNicListTests
{
    [Fact]
    public void Built_in_list_is_the_spec_table()
    {
        var nics = SupportedNicList.BuiltIn;

        Assert.Equal(48, nics.Models.Count);
        Assert.Equal(["1077", "14e4", "15b3", "177d", "1af4", "1d0f", "8086"], nics.Vendors);
        Assert.Equal("154c", nics.VfDeviceFor("8086", "158B"));
        Assert.Equal("101e", nics.VfDeviceFor(null, "101d"));
        Assert.Null(nics.VfDeviceFor("8086", "1528"));
        Assert.True(nics.IsSupportedPf("15b3", "a2dc"));
        Assert.False(nics.IsSupportedPf("15b3", "101e"));
        Assert.True(nics.IsSupportedVf("15b3", "101e"));
        Assert.True(nics.IsSupportedPfDevice("10C9"));
    }

    [Fact]
    public void ConfigMap_replaces_the_list_and_skips_malformed_entries_with_a_warning()
    {
        var warnings = new List<string>();
        var nics = SupportedNicList.FromConfigMapData(new Dictionary<string, string>
        {
            ["Intel_igb_82576"] = "8086 10c9 10ca",
            ["Custom_NIC"] = "1234 ABCD abce",
            ["Broken"] = "8086 158b",
            ["NotHex"] = "8086 zzzz 154c",
        }, warnings);

        Assert.Equal(2, nics.Models.Count);
        Assert.True(nics.IsSupportedPf("1234", "abcd"));
        Assert.False(nics.IsSupportedPf("8086", "158b"));
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("Broken=\"8086 158b\"", StringComparison.Ordinal));
    }
}
