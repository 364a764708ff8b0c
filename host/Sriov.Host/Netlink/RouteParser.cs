using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sriov.Host.Netlink;

/// <summary>Parses an RTM_NEWROUTE payload (<c>rtmsg</c> + RTA_* attributes).</summary>
internal static class RouteParser
{
    public static RouteInfo? Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.RtMsgSize)
        {
            return null;
        }

        var family = payload[0];
        var dstLength = payload[1];
        uint table = payload[4];
        var protocol = payload[5];
        var scope = payload[6];
        var type = payload[7];
        IPAddress? destination = null, gateway = null, source = null;
        var oif = 0;
        uint? priority = null;
        foreach (var attribute in new NetlinkAttributes(payload[Rtnl.RtMsgSize..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.RTA_DST:
                    destination = AddressParser.Ip(attribute.Payload);
                    break;
                case Rtnl.RTA_GATEWAY:
                    gateway = AddressParser.Ip(attribute.Payload);
                    break;
                case Rtnl.RTA_PREFSRC:
                    source = AddressParser.Ip(attribute.Payload);
                    break;
                case Rtnl.RTA_OIF:
                    oif = (int)attribute.U32;
                    break;
                case Rtnl.RTA_PRIORITY:
                    priority = attribute.U32;
                    break;
                case Rtnl.RTA_TABLE:
                    table = attribute.U32;
                    break;
                default:
                    break;
            }
        }

        destination ??= family == 10 ? IPAddress.IPv6Any : IPAddress.Any;
        if (destination.AddressFamily != (family == 10 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            return null;
        }

        return new RouteInfo
        {
            Destination = new IPNetwork(destination, dstLength),
            Gateway = gateway,
            OutputInterface = oif,
            Priority = priority,
            Table = table,
            Scope = scope,
            Protocol = protocol,
            Type = type,
            PreferredSource = source,
        };
    }
}
