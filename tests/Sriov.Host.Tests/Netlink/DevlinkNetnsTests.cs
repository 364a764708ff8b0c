using Sriov.Host.Netlink;

namespace Sriov.Host.Tests.Netlink;

[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class DevlinkNetnsTests
{
    [Fact]
    public void Generic_netlink_families_resolve_and_unknown_ones_are_null()
    {
        using var genl = GenericNetlink.Open();

        Assert.Equal((ushort)16, genl.ResolveFamily("nlctrl"));
        Assert.Null(genl.ResolveFamily("s4nofamily"));
    }

    [Fact]
    public void A_device_without_devlink_is_not_supported_rather_than_an_error()
    {
        using var devlink = DevlinkClient.Open();

        // No PCI function has this address on any machine (function 7 of device 1f on bus ff of domain ffff).
        Assert.Equal(EswitchMode.NotSupported, devlink.GetEswitchMode("ffff:ff:1f.7"));
    }
}
