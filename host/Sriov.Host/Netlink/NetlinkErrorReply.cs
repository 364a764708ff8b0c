using System.Runtime.InteropServices;

namespace Sriov.Host.Netlink;

/// <summary>
/// Decodes an NLMSG_ERROR payload: <c>nlmsgerr{s32 error; nlmsghdr orig; ...}</c>, where the original request follows
/// in full unless the kernel capped it (NETLINK_CAP_ACK, flag NLM_F_CAPPED), and the extended-ACK TLVs follow when
/// NLM_F_ACK_TLVS is set (NETLINK_EXT_ACK). Error 0 is an ACK.
/// </summary>
internal static class NetlinkErrorReply
{
    /// <summary>The positive errno (0 for an ACK).</summary>
    public static int Errno(ReadOnlySpan<byte> payload) =>
        payload.Length >= 4 ? -MemoryMarshal.Read<int>(payload) : Netlink.Errno.EIO;

    /// <summary>The NLMSGERR_ATTR_MSG text, or null.</summary>
    public static string? ExtAckMessage(ushort flags, ReadOnlySpan<byte> payload)
    {
        if ((flags & Nl.NLM_F_ACK_TLVS) == 0 || payload.Length < 4 + Nl.HeaderSize)
        {
            return null;
        }

        var offset = 4 + Nl.HeaderSize;
        if ((flags & Nl.NLM_F_CAPPED) == 0)
        {
            offset = 4 + Nl.Align((int)MemoryMarshal.Read<uint>(payload[4..]));
        }

        if (offset > payload.Length)
        {
            return null;
        }

        foreach (var attribute in new NetlinkAttributes(payload[offset..]))
        {
            if (attribute.Type == Nl.NLMSGERR_ATTR_MSG)
            {
                var text = attribute.String;
                return text.Length == 0 ? null : text;
            }
        }

        return null;
    }
}
