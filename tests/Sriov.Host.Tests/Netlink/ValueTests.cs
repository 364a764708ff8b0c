using System.Net;
using Sriov.Host.Netlink;

namespace Sriov.Host.Tests.Netlink;

public sealed class ValueTests
{
    [Theory]
    [InlineData("02:11:22:33:44:55", "02:11:22:33:44:55", true)]
    [InlineData("0A-1B-2C-3D-4E-5F", "0a:1b:2c:3d:4e:5f", true)]
    [InlineData("00:00:00:00:00:00", "00:00:00:00:00:00", false)]
    [InlineData("01:00:5e:00:00:01", "01:00:5e:00:00:01", false)]
    [InlineData("ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff", false)]
    public void Mac_addresses_parse_format_and_classify(string text, string formatted, bool unicast)
    {
        var mac = MacAddress.Parse(text);

        Assert.Equal(formatted, mac.ToString());
        Assert.Equal(unicast, mac.IsValidUnicast);
        Assert.Equal(mac, MacAddress.FromBytes(mac.ToArray()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02:11:22:33:44")]
    [InlineData("02:11:22:33:44:5g")]
    [InlineData("02.11.22.33.44.55")]
    [InlineData("0211:22:33:44:55")]
    public void Bad_mac_addresses_are_refused_with_the_value(string text)
    {
        Assert.False(MacAddress.TryParse(text, out _));
        Assert.Contains($"\"{text}\"", Assert.Throws<FormatException>(() => MacAddress.Parse(text)).Message);
    }

    [Theory]
    [InlineData("net1", null)]
    [InlineData("enp175s0f1np1", null)]
    [InlineData("abcdefghijklmno", null)]
    [InlineData("abcdefghijklmnop", "16 bytes long")]
    [InlineData("", "must not be empty")]
    [InlineData("..", "reserved")]
    [InlineData("eth0:1", "contains ':'")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("a b", "contains ' '")]
    public void Interface_names_follow_the_kernel_rule(string name, string? problem)
    {
        var found = InterfaceName.Problem(name);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Theory]
    [InlineData("192.0.2.10", 24, "192.0.2.255")]
    [InlineData("10.1.2.3", 8, "10.255.255.255")]
    [InlineData("10.1.2.3", 30, "10.1.2.3")]
    [InlineData("10.1.2.0", 0, "255.255.255.255")]
    public void Ipv4_broadcast_addresses_are_computed(string address, int prefix, string broadcast)
    {
        Assert.Equal(IPAddress.Parse(broadcast), RtnlRequests.Broadcast(IPAddress.Parse(address), prefix));
    }

    [Theory]
    [InlineData(95, "EOPNOTSUPP", false)]
    [InlineData(16, "EBUSY", true)]
    [InlineData(11, "EAGAIN", true)]
    [InlineData(17, "EEXIST", false)]
    [InlineData(19, "ENODEV", false)]
    public void Errno_names_and_transience(int errno, string name, bool transient)
    {
        Assert.Equal(name, Errno.Name(errno));
        Assert.Equal(transient, Errno.IsTransient(errno));
    }
}
