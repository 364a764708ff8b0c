using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

public class SysfsParseTests
{
    [Theory]
    [InlineData("pci:v00008086d00001889sv00008086sd00000000bc02sc00i00", "8086", "1889", "8086", "0000", "020000")]
    [InlineData("pci:v000015B3d0000101Csv000015B3sd00000007bc02sc07i00", "15b3", "101c", "15b3", "0007", "020700")]
    [InlineData("pci:v00008086d00000D5Csv00008086sd00000000bc12sc00i00", "8086", "0d5c", "8086", "0000", "120000")]
    public void Reads_ids_and_class_from_modalias(string modalias, string vendor, string device, string subVendor, string subDevice, string cls)
    {
        Assert.True(SysfsParse.TryParseModalias(modalias, out var ids));
        Assert.Equal(new SysfsParse.PciIds(vendor, device, subVendor, subDevice, cls), ids);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pci:v00008086d00001889sv00008086sd00000000bc02sc00i0")]
    [InlineData("usb:v00008086d00001889sv00008086sd00000000bc02sc00i00")]
    [InlineData("pci:v0000808Xd00001889sv00008086sd00000000bc02sc00i00")]
    [InlineData("pci:v00008086x00001889sv00008086sd00000000bc02sc00i00")]
    public void Rejects_malformed_modalias(string? modalias) => Assert.False(SysfsParse.TryParseModalias(modalias, out _));

    [Theory]
    [InlineData("0x8086", 4, true, "8086")]
    [InlineData("0x15B3", 4, true, "15b3")]
    [InlineData("0x020000", 6, true, "020000")]
    [InlineData("8086", 4, false, "")]
    [InlineData("0x808", 4, false, "")]
    [InlineData("0xzzzz", 4, false, "")]
    public void Parses_hex_id_files(string text, int digits, bool ok, string id)
    {
        Assert.Equal(ok, SysfsParse.TryParseHexId(text, digits, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("(null)", null)]
    [InlineData("", null)]
    [InlineData("vfio-pci", "vfio-pci")]
    public void Driver_override_null_means_unset(string text, string? expected) =>
        Assert.Equal(expected, SysfsParse.ParseDriverOverride(text));

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("x", null)]
    public void Parses_carrier(string text, bool? expected) => Assert.Equal(expected, SysfsParse.ParseCarrier(text));

    [Theory]
    [InlineData("virtfn0", 0)]
    [InlineData("virtfn127", 127)]
    [InlineData("virtfn", -1)]
    [InlineData("virtfn-1", -1)]
    [InlineData("physfn", -1)]
    public void Virtfn_index(string name, int index) => Assert.Equal(index, SysfsParse.VirtfnIndex(name));
}
