namespace Sriov.Host.Netlink;

/// <summary>Parsers for generic-netlink replies: payload = <c>genlmsghdr</c> (4 bytes) + attributes.</summary>
internal static class GenlReplies
{
    public static ushort? FamilyId(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Genl.HeaderSize)
        {
            return null;
        }

        foreach (var attribute in new NetlinkAttributes(payload[Genl.HeaderSize..]))
        {
            if (attribute.Type == Genl.CTRL_ATTR_FAMILY_ID && attribute.Payload.Length >= 2)
            {
                return attribute.U16;
            }
        }

        return null;
    }

    public static EswitchMode? EswitchMode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Genl.HeaderSize)
        {
            return null;
        }

        foreach (var attribute in new NetlinkAttributes(payload[Genl.HeaderSize..]))
        {
            if (attribute.Type == Genl.DEVLINK_ATTR_ESWITCH_MODE && attribute.Payload.Length >= 2)
            {
                return attribute.U16 switch
                {
                    0 => Netlink.EswitchMode.Legacy,
                    1 => Netlink.EswitchMode.Switchdev,
                    _ => Netlink.EswitchMode.NotSupported,
                };
            }
        }

        return null;
    }
}
