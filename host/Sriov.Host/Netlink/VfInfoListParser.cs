using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sriov.Host.VfControl;

namespace Sriov.Host.Netlink;

/// <summary>
/// Parses the payload of IFLA_VFINFO_LIST: one IFLA_VF_INFO nest per VF, each holding the <c>struct ifla_vf_*</c>
/// attributes of <c>linux/if_link.h</c> (every struct starts with <c>__u32 vf</c>). The VF number comes from that
/// field, not from the position in the list (upstream's Go library uses the position). A struct shorter than the
/// header says is ignored, so a malformed entry never crashes discovery.
/// </summary>
internal static class VfInfoListParser
{
    private const uint Unset = 0xffff_ffff;

    public static List<VfInfo> Parse(ReadOnlySpan<byte> vfInfoList)
    {
        var result = new List<VfInfo>();
        foreach (var entry in new NetlinkAttributes(vfInfoList))
        {
            if (entry.Type == Rtnl.IFLA_VF_INFO && TryParseOne(entry.Payload, out var vf))
            {
                result.Add(vf);
            }
        }

        result.Sort(static (a, b) => a.Vf.CompareTo(b.Vf));
        return result;
    }

    private static bool TryParseOne(ReadOnlySpan<byte> info, out VfInfo vf)
    {
        int? number = null;
        var state = new VfInfo { Vf = -1 };
        foreach (var attribute in new NetlinkAttributes(info))
        {
            var p = attribute.Payload;
            switch (attribute.Type)
            {
                case Rtnl.IFLA_VF_MAC when p.Length >= 4 + 6:
                    number = U32(p, 0);
                    state = state with { Mac = MacAddress.FromBytes(p.Slice(4, 6)) };
                    break;
                case Rtnl.IFLA_VF_VLAN when p.Length >= 12:
                    number = U32(p, 0);
                    state = state with { Vlan = U32(p, 4), Qos = U32(p, 8) };
                    break;
                case Rtnl.IFLA_VF_VLAN_LIST:
                    // The kernel reports exactly one IFLA_VF_VLAN_INFO; take the first.
                    foreach (var item in attribute.Nested)
                    {
                        if (item.Type == Rtnl.IFLA_VF_VLAN_INFO && item.Payload.Length >= 14)
                        {
                            var q = item.Payload;
                            number = U32(q, 0);
                            state = state with
                            {
                                Vlan = U32(q, 4),
                                Qos = U32(q, 8),
                                VlanProtocol = (VlanProtocol)BinaryPrimitives.ReadUInt16BigEndian(q[12..]),
                            };
                            break;
                        }
                    }

                    break;
                case Rtnl.IFLA_VF_RATE when p.Length >= 12:
                    number = U32(p, 0);
                    state = state with { MinTxRateMbps = U32(p, 4), MaxTxRateMbps = U32(p, 8) };
                    break;
                case Rtnl.IFLA_VF_SPOOFCHK when p.Length >= 8:
                    number = U32(p, 0);
                    state = state with { SpoofCheck = Flag(p) };
                    break;
                case Rtnl.IFLA_VF_TRUST when p.Length >= 8:
                    number = U32(p, 0);
                    state = state with { Trust = Flag(p) };
                    break;
                case Rtnl.IFLA_VF_RSS_QUERY_EN when p.Length >= 8:
                    number = U32(p, 0);
                    state = state with { RssQueryEnabled = Flag(p) };
                    break;
                case Rtnl.IFLA_VF_LINK_STATE when p.Length >= 8:
                    number = U32(p, 0);
                    state = state with { LinkState = (VfLinkState)U32(p, 4) };
                    break;
                case Rtnl.IFLA_VF_IB_NODE_GUID when p.Length >= 16:
                    number = U32(p, 0);
                    state = state with { NodeGuid = MemoryMarshal.Read<ulong>(p[8..]) };
                    break;
                case Rtnl.IFLA_VF_IB_PORT_GUID when p.Length >= 16:
                    number = U32(p, 0);
                    state = state with { PortGuid = MemoryMarshal.Read<ulong>(p[8..]) };
                    break;
                default:
                    // IFLA_VF_TX_RATE duplicates IFLA_VF_RATE's max; IFLA_VF_STATS and IFLA_VF_BROADCAST are not used.
                    break;
            }
        }

        vf = state with { Vf = number ?? -1 };
        return number is not null;
    }

    private static int U32(ReadOnlySpan<byte> p, int offset) => (int)MemoryMarshal.Read<uint>(p[offset..]);

    private static bool? Flag(ReadOnlySpan<byte> p)
    {
        var value = MemoryMarshal.Read<uint>(p[4..]);
        return value == Unset ? null : value != 0;
    }
}
