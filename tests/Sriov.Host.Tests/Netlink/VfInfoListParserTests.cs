using Sriov.Host.Netlink;
using Sriov.Host.VfControl;
using static Sriov.Host.Tests.Netlink.IfLinkFixture;

namespace Sriov.Host.Tests.Netlink;

public sealed class VfInfoListParserTests
{
    [Fact]
    public void Every_attribute_of_a_vf_is_read()
    {
        var payload = VfInfoList([new Vf(4)
        {
            Mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55], Vlan = 100, Qos = 3, VlanProto = 0x88a8, MinRate = 10, MaxRate = 100,
            SpoofChk = 0, LinkState = 2, RssQuery = 1, Trust = 1, NodeGuid = 0x1122334455667788, PortGuid = 0x99aabbccddeeff00,
        }]);

        var vf = Assert.Single(VfInfoListParser.Parse(payload));

        Assert.Equal(4, vf.Vf);
        Assert.Equal(MacAddress.Parse("02:11:22:33:44:55"), vf.Mac);
        Assert.Equal(100, vf.Vlan);
        Assert.Equal(3, vf.Qos);
        Assert.Equal(VlanProtocol.Dot1AD, vf.VlanProtocol);
        Assert.Equal(10, vf.MinTxRateMbps);
        Assert.Equal(100, vf.MaxTxRateMbps);
        Assert.False(vf.SpoofCheck);
        Assert.Equal(VfLinkState.Disable, vf.LinkState);
        Assert.True(vf.RssQueryEnabled);
        Assert.True(vf.Trust);
        Assert.Equal(0x1122334455667788UL, vf.NodeGuid);
        Assert.Equal(0x99aabbccddeeff00UL, vf.PortGuid);
    }

    [Fact]
    public void Vfs_are_keyed_by_their_vf_field_not_their_position()
    {
        var payload = VfInfoList([new Vf(2) { Vlan = 12 }, new Vf(0) { Vlan = 10 }, new Vf(1) { Vlan = 11 }]);

        var vfs = VfInfoListParser.Parse(payload);

        Assert.Equal([0, 1, 2], vfs.Select(v => v.Vf));
        Assert.Equal([10, 11, 12], vfs.Select(v => v.Vlan));
    }

    [Fact]
    public void Values_the_driver_leaves_unset_are_null()
    {
        // rtnl_fill_vfinfo pre-fills spoofchk, trust and rss_query_en with -1; drivers that do not report them leave it.
        var vf = Assert.Single(VfInfoListParser.Parse(VfInfoList([new Vf(0) { SpoofChk = 0xffffffff, Trust = 0xffffffff, WithStats = false }])));

        Assert.Null(vf.SpoofCheck);
        Assert.Null(vf.Trust);
        Assert.Null(vf.RssQueryEnabled);
        Assert.Null(vf.NodeGuid);
        Assert.Equal(VlanProtocol.Dot1Q, vf.VlanProtocol);
        Assert.True(vf.Mac.IsZero);
    }

    [Fact]
    public void A_truncated_struct_is_ignored_and_the_rest_is_read()
    {
        var broken = Attribute(1 | 0x8000, Concat(Attribute(2, U32(7)), Attribute(4, Concat(U32(7), U32(1)))));
        var payload = Concat(broken, VfInfoList([new Vf(1) { Vlan = 5 }]));

        var vfs = VfInfoListParser.Parse(payload);

        Assert.Equal([7, 1], vfs.Select(v => v.Vf).OrderDescending());
        Assert.Equal(0, vfs.Single(v => v.Vf == 7).Vlan);
        Assert.True(vfs.Single(v => v.Vf == 7).SpoofCheck);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(4);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            _ = VfInfoListParser.Parse(bytes);
            _ = LinkParser.Parse(bytes);
        }
    }

    [Fact]
    public void A_whole_newlink_reply_of_a_pf_with_256_vfs_is_parsed()
    {
        // With RTEXT_FILTER_SKIP_STATS (which we always send) the kernel leaves IFLA_VF_STATS out; with stats, 256 VFs
        // would overflow the u16 nla_len of IFLA_VFINFO_LIST, the reason that filter exists.
        var vfs = Enumerable.Range(0, 256).Select(i => new Vf((uint)i) { Vlan = (uint)i, Mac = [2, 0, 0, 0, (byte)(i >> 8), (byte)i], WithStats = false }).ToList();
        var message = NewLink(9, "ens1f0", 0x11043, 9000, [0x52, 0x54, 0, 0x12, 0x34, 0x56], vfs, ["enp59s0f0"]);

        LinkInfo? link = null;
        foreach (var m in new NetlinkMessages(message))
        {
            link = LinkParser.Parse(m.Payload);
        }

        Assert.True(message.Length > 48 * 1024, $"a 256-VF reply is {message.Length} bytes");
        Assert.NotNull(link);
        Assert.Equal("ens1f0", link.Name);
        Assert.Equal(9, link.Index);
        Assert.Equal(9000, link.Mtu);
        Assert.True(link.IsUp);
        Assert.True(link.IsRunning);
        Assert.True(link.Carrier);
        Assert.Equal(6, link.OperState);
        Assert.Equal(MacAddress.Parse("52:54:00:12:34:56"), link.Mac);
        Assert.Equal(["enp59s0f0"], link.AltNames);
        Assert.Equal(256, link.NumVfs);
        Assert.Equal(256, link.Vfs.Count);
        Assert.Equal(255, link.Vfs[255].Vlan);
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:ff"), link.Vfs[255].Mac);
    }
}
