using Sriov.Host.Netlink;
using static Sriov.Host.Tests.Netlink.IfLinkFixture;

namespace Sriov.Host.Tests.Netlink;

public sealed class NetlinkReplyTests
{
    // struct nlmsgerr { int error; struct nlmsghdr msg; } followed by NLMSGERR_ATTR_* TLVs (linux/netlink.h).
    private static byte[] ErrorPayload(int errno, bool capped, bool tlvs, string? text)
    {
        var original = Concat(U32(40), U16(19), U16(5), U32(9), U32(0), new byte[24]);
        var body = Concat(BitConverter.GetBytes(-errno), capped ? original[..16] : original);
        return tlvs && text is not null ? Concat(body, Attribute(1, Concat(System.Text.Encoding.ASCII.GetBytes(text), [0]))) : body;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Extended_ack_text_is_found_after_a_capped_or_full_echo(bool capped)
    {
        var payload = ErrorPayload(22, capped, tlvs: true, "Attribute failed policy validation");
        var flags = (ushort)(0x200 | (capped ? 0x100 : 0));

        Assert.Equal(22, NetlinkErrorReply.Errno(payload));
        Assert.Equal("Attribute failed policy validation", NetlinkErrorReply.ExtAckMessage(flags, payload));
    }

    [Fact]
    public void Without_the_tlv_flag_there_is_no_text_and_zero_is_an_ack()
    {
        Assert.Null(NetlinkErrorReply.ExtAckMessage(0x100, ErrorPayload(95, true, false, null)));
        Assert.Equal(0, NetlinkErrorReply.Errno(ErrorPayload(0, true, false, null)));
    }

    [Theory]
    [InlineData(95, null, "set VF 3 VLAN 100 on ens1f0: Operation not supported (EOPNOTSUPP)")]
    [InlineData(93, null, "set VF 3 VLAN 100 on ens1f0: Protocol not supported (EPROTONOSUPPORT)")]
    [InlineData(22, "VF index out of range", "set VF 3 VLAN 100 on ens1f0: Invalid argument (EINVAL): VF index out of range")]
    [InlineData(16, null, "set VF 3 VLAN 100 on ens1f0: Device or resource busy (EBUSY)")]
    [InlineData(4242, null, "set VF 3 VLAN 100 on ens1f0: Unknown error 4242 (errno 4242)")]
    public void Errors_read_like_the_kernel_answer(int errno, string? extAck, string message)
    {
        var error = new NetlinkException("set VF 3 VLAN 100 on ens1f0", errno, extAck);

        Assert.Equal(message, error.Message);
        Assert.Equal(errno, error.Errno);
        Assert.Equal(errno == 16, error.IsTransient);
    }

    [Fact]
    public void Link_notifications_decode_into_events()
    {
        var newLink = NewLink(3, "eth1", 0x1, 1500, [2, 0, 0, 0, 0, 1], []);
        var delLink = (byte[])newLink.Clone();
        delLink[4] = 17;
        var queue = new Queue<LinkEvent>();

        LinkEventSubscription.Decode(Concat(newLink, delLink), queue);

        Assert.Equal([LinkEventKind.Changed, LinkEventKind.Removed], queue.Select(e => e.Kind));
        Assert.All(queue, e => Assert.Equal("eth1", e.Link!.Name));
    }

    [Theory]
    [InlineData((ushort)0, EswitchMode.Legacy)]
    [InlineData((ushort)1, EswitchMode.Switchdev)]
    [InlineData((ushort)7, EswitchMode.NotSupported)]
    public void Devlink_eswitch_replies_are_read(ushort mode, EswitchMode expected)
    {
        // genlmsghdr {cmd 29, version 1} + DEVLINK_ATTR_BUS_NAME "pci" + DEVLINK_ATTR_ESWITCH_MODE (u16, 25).
        var payload = Concat([29, 1, 0, 0], Attribute(1, "pci\0"u8.ToArray()), Attribute(25, U16(mode)));

        Assert.Equal(expected, GenlReplies.EswitchMode(payload));
        Assert.Null(GenlReplies.EswitchMode([29, 1, 0, 0]));
    }

    [Fact]
    public void Family_ids_are_read_from_nlctrl_replies()
    {
        var payload = Concat([1, 2, 0, 0], Attribute(2, "devlink\0"u8.ToArray()), Attribute(1, U16(0x15)));

        Assert.Equal((ushort)0x15, GenlReplies.FamilyId(payload));
    }
}
