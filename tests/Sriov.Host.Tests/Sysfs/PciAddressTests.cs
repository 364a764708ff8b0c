using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

public class PciAddressTests
{
    [Theory]
    [InlineData("0000:3b:00.0", 0, 0x3b, 0, 0)]
    [InlineData("0000:af:1f.7", 0, 0xaf, 0x1f, 7)]
    [InlineData("10000:01:02.3", 0x10000, 1, 2, 3)]
    public void Parses_kernel_names(string text, int domain, int bus, int device, int function)
    {
        var a = PciAddress.Parse(text);
        Assert.Equal((domain, bus, device, function), (a.Domain, a.Bus, a.Device, a.Function));
        Assert.Equal(text, a.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("3b:00.0")]
    [InlineData("0000:3B:00.0")]
    [InlineData("0000:3b:20.0")]
    [InlineData("0000:3b:00.8")]
    [InlineData("0000:3b:00:0")]
    [InlineData("000:3b:00.0")]
    [InlineData("0000:3b:00.0\n")]
    [InlineData("mlx5_core.sf.4")]
    public void Rejects_what_the_kernel_never_names_a_function(string text)
    {
        Assert.False(PciAddress.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => PciAddress.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
    }

    // spec/real-nic.md: the igb PF 01:00.0 with sriov_offset 128 and stride 2 has VFs 01:10.0, 01:10.2, 01:10.4, 01:10.6, 01:11.0.
    [Theory]
    [InlineData("0000:01:00.0", 128, 2, 0, "0000:01:10.0")]
    [InlineData("0000:01:00.0", 128, 2, 1, "0000:01:10.2")]
    [InlineData("0000:01:00.0", 128, 2, 4, "0000:01:11.0")]
    [InlineData("0000:01:00.0", 1, 1, 0, "0000:01:00.1")]
    [InlineData("0000:3b:00.1", 135, 1, 127, "0000:3c:00.7")]
    [InlineData("0000:3b:00.0", 8, 1, 248, "0000:3c:00.0")]
    public void Computes_vf_addresses_like_the_kernel(string pf, int offset, int stride, int index, string vf) =>
        Assert.Equal(vf, PciAddress.Parse(pf).VirtualFunction(offset, stride, index).ToString());

    [Fact]
    public void Vf_beyond_the_last_bus_is_an_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PciAddress.Parse("0000:ff:00.0").VirtualFunction(256, 1, 0));

    [Fact]
    public void Orders_by_domain_then_routing_id()
    {
        var sorted = new[] { "0001:00:00.0", "0000:3b:01.0", "0000:3b:00.1", "0000:3b:00.0" }.Select(PciAddress.Parse).Order().Select(a => a.ToString());
        Assert.Equal(["0000:3b:00.0", "0000:3b:00.1", "0000:3b:01.0", "0001:00:00.0"], sorted);
    }
}
