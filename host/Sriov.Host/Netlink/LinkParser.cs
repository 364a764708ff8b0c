using System.Runtime.InteropServices;
using Sriov.Host.VfControl;

namespace Sriov.Host.Netlink;

/// <summary>Parses an RTM_NEWLINK/RTM_DELLINK payload (<c>ifinfomsg</c> + IFLA_* attributes) into a <see cref="LinkInfo"/>.</summary>
internal static class LinkParser
{
    public static LinkInfo? Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnl.IfInfoMsgSize)
        {
            return null;
        }

        var type = MemoryMarshal.Read<ushort>(payload[2..]);
        var index = MemoryMarshal.Read<int>(payload[4..]);
        var flags = MemoryMarshal.Read<uint>(payload[8..]);
        string name = string.Empty;
        var mtu = 0;
        byte[] address = [];
        byte operState = 0;
        bool? carrier = null;
        int? numVfs = null;
        List<string>? altNames = null;
        List<VfInfo>? vfs = null;

        foreach (var attribute in new NetlinkAttributes(payload[Rtnl.IfInfoMsgSize..]))
        {
            switch (attribute.Type)
            {
                case Rtnl.IFLA_IFNAME:
                    name = attribute.String;
                    break;
                case Rtnl.IFLA_MTU:
                    mtu = (int)attribute.U32;
                    break;
                case Rtnl.IFLA_ADDRESS:
                    address = attribute.Payload.ToArray();
                    break;
                case Rtnl.IFLA_OPERSTATE:
                    operState = attribute.U8;
                    break;
                case Rtnl.IFLA_CARRIER:
                    carrier = attribute.U8 != 0;
                    break;
                case Rtnl.IFLA_NUM_VF:
                    numVfs = (int)attribute.U32;
                    break;
                case Rtnl.IFLA_PROP_LIST:
                    foreach (var property in attribute.Nested)
                    {
                        if (property.Type == Rtnl.IFLA_ALT_IFNAME)
                        {
                            (altNames ??= []).Add(property.String);
                        }
                    }

                    break;
                case Rtnl.IFLA_VFINFO_LIST:
                    vfs = VfInfoListParser.Parse(attribute.Payload);
                    break;
                default:
                    break;
            }
        }

        return new LinkInfo
        {
            Index = index,
            Name = name,
            Flags = flags,
            Type = type,
            Mtu = mtu,
            HardwareAddress = address,
            Mac = address.Length == 6 ? MacAddress.FromBytes(address) : null,
            OperState = operState,
            Carrier = carrier,
            NumVfs = numVfs,
            AltNames = (IReadOnlyList<string>?)altNames ?? [],
            Vfs = (IReadOnlyList<VfInfo>?)vfs ?? [],
        };
    }
}
