using System.Net;
using Sriov.Host.Announce;
using Sriov.Host.Netlink;

namespace Sriov.Host.Tests.Announce;

/// <summary>Golden bytes of the gratuitous ARP and the unsolicited Neighbour Advertisement.</summary>
public sealed class AnnouncementPacketsTests
{
    [Fact]
    public void A_gratuitous_arp_is_a_request_for_its_own_address_with_a_zero_target_mac()
    {
        var packet = AnnouncementPackets.GratuitousArp(MacAddress.Parse("02:00:00:00:0a:01"), IPAddress.Parse("192.0.2.10"));
        Assert.Equal(
            Convert.FromHexString("0001" + "0800" + "06" + "04" + "0001" + "02000000" + "0a01" + "c000020a" + "000000000000" + "c000020a"),
            packet);
    }

    [Fact]
    public void An_unsolicited_na_has_only_the_override_flag_and_the_target_link_layer_option()
    {
        var packet = AnnouncementPackets.UnsolicitedNeighborAdvertisement(MacAddress.Parse("02:00:00:00:0a:01"), IPAddress.Parse("2001:db8::a"));
        Assert.Equal(
            Convert.FromHexString("88" + "00" + "0000" + "20000000" + "20010db800000000000000000000000a" + "02" + "01" + "02000000" + "0a01"),
            packet);
    }

    [Theory]
    [InlineData("2001:db8::1", true)]
    [InlineData("192.0.2.1", false)]
    public void The_wrong_address_family_is_refused(string address, bool forArp)
    {
        var mac = MacAddress.Parse("02:00:00:00:0a:01");
        var ip = IPAddress.Parse(address);
        Assert.Throws<ArgumentException>(() => forArp ? AnnouncementPackets.GratuitousArp(mac, ip) : AnnouncementPackets.UnsolicitedNeighborAdvertisement(mac, ip));
    }
}
