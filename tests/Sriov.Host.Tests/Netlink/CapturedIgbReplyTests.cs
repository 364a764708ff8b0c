using Sriov.Host.Netlink;
using Sriov.Host.VfControl;

namespace Sriov.Host.Tests.Netlink;

/// <summary>
/// The parser on real igb replies: RTM_NEWLINK messages the real-kernel guest's igb PF sent (Fixtures/igb-*.hex,
/// captured by hack/realkernel/capture-igb-replies.sh after setting the VF attributes their header lists), read by
/// <see cref="LinkParser"/> as <c>RouteNetlink</c> and <c>NetlinkVfControl</c> read a live reply.
/// </summary>
public sealed class CapturedIgbReplyTests
{
    [Theory]
    [InlineData("igb-7vfs")]
    [InlineData("igb-7vfs-stats")]
    public void The_pf_and_its_seven_vfs_read_as_they_were_set(string fixture)
    {
        var link = Parse(fixture);

        Assert.Equal(("eth0", MacAddress.Parse("52:54:00:12:34:56"), 1500, 7), (link.Name, link.Mac!.Value, link.Mtu, link.NumVfs));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], link.Vfs.Select(v => v.Vf));

        var vf0 = link.Vfs[0];
        Assert.Equal(MacAddress.Parse("02:11:22:33:44:55"), vf0.Mac);
        Assert.Equal((100, 3, VlanProtocol.Dot1Q), (vf0.Vlan, vf0.Qos, vf0.VlanProtocol));
        Assert.Equal((0, 100), (vf0.MinTxRateMbps, vf0.MaxTxRateMbps));
        Assert.Equal((false, true, VfLinkState.Auto), (vf0.SpoofCheck, vf0.Trust, vf0.LinkState));

        var vf1 = link.Vfs[1];
        Assert.True(vf1.Mac.IsZero);
        Assert.Equal((200, 0, 200), (vf1.Vlan, vf1.Qos, vf1.MaxTxRateMbps));
        Assert.Equal((true, false), (vf1.SpoofCheck, vf1.Trust));

        Assert.Equal(MacAddress.Parse("02:00:00:00:00:06"), link.Vfs[6].Mac);
    }

    [Theory]
    [InlineData("igb-7vfs")]
    [InlineData("igb-7vfs-stats")]
    public void What_igb_does_not_report_reads_as_null_and_untouched_vfs_as_igbs_defaults(string fixture)
    {
        var link = Parse(fixture);

        // igb's ndo_get_vf_config leaves rss_query_en at the kernel's -1 and has no GUIDs (no ndo_get_vf_guid).
        Assert.All(link.Vfs, vf => Assert.Equal((null, null, null), (vf.RssQueryEnabled, vf.NodeGuid, vf.PortGuid)));
        Assert.All(link.Vfs.Skip(2).Take(4), vf => Assert.Equal(
            new VfInfo { Vf = vf.Vf, SpoofCheck = true, Trust = false, LinkState = VfLinkState.Auto },
            vf));
    }

    [Fact]
    public void A_pf_without_vfs_reports_a_count_of_zero_and_no_list()
    {
        var link = Parse("igb-0vfs");

        Assert.Equal(("eth0", 0), (link.Name, link.NumVfs));
        Assert.Empty(link.Vfs);
    }

    [Fact]
    public void The_reply_with_vf_stats_holds_more_and_reads_the_same()
    {
        var plain = Fixture("igb-7vfs");
        var withStats = Fixture("igb-7vfs-stats");

        Assert.True(withStats.Length > plain.Length + (7 * 40), $"{withStats.Length} vs {plain.Length} bytes");
        Assert.Equal(Parse("igb-7vfs").Vfs, Parse("igb-7vfs-stats").Vfs);
    }

    private static LinkInfo Parse(string fixture)
    {
        var message = Fixture(fixture);
        Assert.Equal(message.Length, BitConverter.ToInt32(message, 0));
        Assert.Equal(16, BitConverter.ToUInt16(message, 4)); // RTM_NEWLINK
        return LinkParser.Parse(message.AsSpan(16)) ?? throw new InvalidOperationException($"{fixture} did not parse");
    }

    /// <summary>The message bytes of a fixture: hex lines, '#' lines are comments.</summary>
    private static byte[] Fixture(string name)
    {
        var hex = string.Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Netlink", "Fixtures", name + ".hex"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Trim()));
        return Convert.FromHexString(hex);
    }
}
