using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Kernel;

namespace Sriov.Sim.Tests.Node;

public class KernelParseTests
{
    [Theory]
    [InlineData("4", 0, 4)]
    [InlineData("4\n", 0, 4)]
    [InlineData("+7", 0, 7)]
    [InlineData("0x10", 0, 16)]
    [InlineData("010", 0, 8)]
    [InlineData("0", 0, 0)]
    [InlineData("65535", 0, 65535)]
    [InlineData("65536", Errno.ERANGE, 0)]
    [InlineData("-1", Errno.EINVAL, 0)]
    [InlineData("abc", Errno.EINVAL, 0)]
    [InlineData("4\n\n", Errno.EINVAL, 0)]
    [InlineData(" 4", Errno.EINVAL, 0)]
    [InlineData("09", Errno.EINVAL, 0)]
    public void Parses_vf_counts_like_kstrtou16(string text, int errno, int value)
    {
        Assert.Equal(errno, KernelParse.ParseU16(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("vfio-pci", 0, "vfio-pci")]
    [InlineData("vfio-pci\n", 0, "vfio-pci")]
    [InlineData("\n", 0, null)]
    [InlineData("iavf\nrest", 0, "iavf")]
    public void Parses_driver_override_like_the_kernel(string text, int errno, string? driver)
    {
        Assert.Equal(errno, KernelParse.ParseDriverOverride(text, out var parsed));
        Assert.Equal(driver, parsed);
    }

    [Fact]
    public void Driver_override_longer_than_a_page_is_einval() =>
        Assert.Equal(Errno.EINVAL, KernelParse.ParseDriverOverride(new string('x', 4096), out _));

    [Theory]
    [InlineData("0000:3b:00.0", "0000:3b:00.0")]
    [InlineData("0000:3b:00.0\n", "0000:3b:00.0")]
    [InlineData(" 0000:3b:00.0", null)]
    [InlineData("0000:3b:00.0\n\n", null)]
    public void Device_names_match_like_sysfs_streq(string text, string? address) =>
        Assert.Equal(address, KernelParse.ParseDeviceName(text)?.ToString());
}
