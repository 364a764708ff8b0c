using System.Net;
using System.Runtime.InteropServices;

namespace Sriov.Host.Netlink;

/// <summary>Parses an RTM_NEWADDR payload (<c>ifaddrmsg</c> + IFA_* attributes).</summary>
internal static class AddressParser
{
    public static AddressInfo? Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.IfAddrMsgSize)
        {
            return null;
        }

        var prefix = payload[1];
        uint flags = payload[2];
        var scope = payload[3];
        var index = MemoryMarshal.Read<int>(payload[4..]);
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        foreach (var attribute in new NetlinkAttributes(payload[Rtnl.IfAddrMsgSize..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.IFA_LOCAL:
                    local = Ip(attribute.Payload);
                    break;
                case Rtnl.IFA_ADDRESS:
                    address = Ip(attribute.Payload);
                    break;
                case Rtnl.IFA_BROADCAST:
                    broadcast = Ip(attribute.Payload);
                    break;
                case Rtnl.IFA_LABEL:
                    label = attribute.String;
                    break;
                case Rtnl.IFA_FLAGS:
                    flags = attribute.U32;
                    break;
                default:
                    break;
            }
        }

        var chosen = local ?? address;
        return chosen is null
            ? null
            : new AddressInfo
            {
                InterfaceIndex = index,
                Address = chosen,
                PrefixLength = prefix,
                Flags = flags,
                Scope = scope,
                Broadcast = broadcast,
                Label = label,
            };
    }

    internal static IPAddress? Ip(ReadOnlySpan<byte> bytes) =>
        bytes.Length is 4 or 16 ? new IPAddress(bytes) : null;
}
