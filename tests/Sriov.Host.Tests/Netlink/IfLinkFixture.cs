using System.Text;

namespace Sriov.Host.Tests.Netlink;

/// <summary>
/// Builds IFLA_VFINFO_LIST payloads and RTM_NEWLINK messages the way the kernel's <c>rtnl_fill_vfinfo</c> lays them
/// out, written from <c>/usr/include/linux/if_link.h</c> and <c>linux/rtnetlink.h</c> alone (never from our parser):
/// struct ifla_vf_mac { __u32 vf; __u8 mac[32]; }; struct ifla_vf_vlan { __u32 vf, vlan, qos; };
/// struct ifla_vf_vlan_info { __u32 vf, vlan, qos; __be16 vlan_proto; } (16 bytes with tail padding);
/// struct ifla_vf_tx_rate { __u32 vf, rate; }; struct ifla_vf_rate { __u32 vf, min_tx_rate, max_tx_rate; };
/// struct ifla_vf_spoofchk / ifla_vf_link_state / ifla_vf_rss_query_en / ifla_vf_trust { __u32 vf, setting; };
/// struct ifla_vf_guid { __u32 vf; __u64 guid; } (16 bytes: 4 bytes of padding before the u64);
/// struct ifla_vf_broadcast { __u8 broadcast[32]; }. Attribute numbers: IFLA_VF_INFO 1; IFLA_VF_MAC 1, VLAN 2,
/// TX_RATE 3, SPOOFCHK 4, LINK_STATE 5, RATE 6, RSS_QUERY_EN 7, STATS 8, TRUST 9, IB_NODE_GUID 10, IB_PORT_GUID 11,
/// VLAN_LIST 12, BROADCAST 13; IFLA_VF_VLAN_INFO 1; IFLA_VF_STATS_RX_PACKETS 0 ... (u64 each).
/// Host byte order is little-endian on every machine this project targets (x86_64, arm64).
/// </summary>
internal sealed class IfLinkFixture
{
    public sealed record Vf(uint Number)
    {
        public byte[] Mac { get; init; } = new byte[6];
        public uint Vlan { get; init; }
        public uint Qos { get; init; }
        public ushort VlanProto { get; init; } = 0x8100;
        public uint MinRate { get; init; }
        public uint MaxRate { get; init; }
        public uint SpoofChk { get; init; } = 1;
        public uint LinkState { get; init; }
        public uint RssQuery { get; init; } = 0xffffffff;
        public uint Trust { get; init; }
        public ulong? NodeGuid { get; init; }
        public ulong? PortGuid { get; init; }
        public bool WithStats { get; init; } = true;
    }

    /// <summary>The payload of IFLA_VFINFO_LIST: one IFLA_VF_INFO per VF, in the given order.</summary>
    public static byte[] VfInfoList(IEnumerable<Vf> vfs)
    {
        using var list = new MemoryStream();
        foreach (var vf in vfs)
        {
            var info = new MemoryStream();
            Attr(info, 1, Concat(U32(vf.Number), vf.Mac, new byte[32 - vf.Mac.Length]));
            Attr(info, 13, Enumerable.Repeat((byte)0xff, 6).Concat(new byte[26]).ToArray());
            Attr(info, 2, Concat(U32(vf.Number), U32(vf.Vlan), U32(vf.Qos)));
            Attr(info, 6, Concat(U32(vf.Number), U32(vf.MinRate), U32(vf.MaxRate)));
            Attr(info, 3, Concat(U32(vf.Number), U32(vf.MaxRate)));
            Attr(info, 4, Concat(U32(vf.Number), U32(vf.SpoofChk)));
            Attr(info, 5, Concat(U32(vf.Number), U32(vf.LinkState)));
            Attr(info, 7, Concat(U32(vf.Number), U32(vf.RssQuery)));
            Attr(info, 9, Concat(U32(vf.Number), U32(vf.Trust)));
            if (vf.NodeGuid is { } node)
            {
                Attr(info, 10, Concat(U32(vf.Number), new byte[4], U64(node)));
            }

            if (vf.PortGuid is { } port)
            {
                Attr(info, 11, Concat(U32(vf.Number), new byte[4], U64(port)));
            }

            var vlanInfo = Concat(U32(vf.Number), U32(vf.Vlan), U32(vf.Qos), [(byte)(vf.VlanProto >> 8), (byte)vf.VlanProto], new byte[2]);
            Attr(info, 12 | 0x8000, Attribute(1, vlanInfo));
            if (vf.WithStats)
            {
                var stats = new MemoryStream();
                for (ushort s = 0; s < 9; s++)
                {
                    Attr(stats, s, U64(1000UL + s));
                }

                Attr(info, 8 | 0x8000, stats.ToArray());
            }

            Attr(list, 1 | 0x8000, info.ToArray());
        }

        return list.ToArray();
    }

    /// <summary>A whole RTM_NEWLINK message (nlmsghdr + ifinfomsg + IFLA_IFNAME, IFLA_MTU, IFLA_ADDRESS, IFLA_NUM_VF, IFLA_VFINFO_LIST).</summary>
    public static byte[] NewLink(int index, string name, uint flags, uint mtu, byte[] address, IReadOnlyList<Vf> vfs, string[]? altNames = null)
    {
        var attrs = new MemoryStream();
        Attr(attrs, 3, Concat(Encoding.ASCII.GetBytes(name), [0]));
        Attr(attrs, 4, U32(mtu));
        Attr(attrs, 1, address);
        Attr(attrs, 16, [6]);
        Attr(attrs, 33, [1]);
        if (altNames is not null)
        {
            var props = new MemoryStream();
            foreach (var alt in altNames)
            {
                Attr(props, 53, Concat(Encoding.ASCII.GetBytes(alt), [0]));
            }

            Attr(attrs, 52 | 0x8000, props.ToArray());
        }

        Attr(attrs, 21, U32((uint)vfs.Count));
        Attr(attrs, 22 | 0x8000, VfInfoList(vfs));
        var body = Concat([0, 0], U16(1), U32((uint)index), U32(flags), U32(0), attrs.ToArray());
        return Concat(U32((uint)(16 + body.Length)), U16(16), U16(0), U32(7), U32(0), body);
    }

    public static byte[] Attribute(ushort type, byte[] payload)
    {
        var s = new MemoryStream();
        Attr(s, type, payload);
        return s.ToArray();
    }

    public static byte[] U32(uint v) => BitConverter.GetBytes(v);

    public static byte[] U64(ulong v) => BitConverter.GetBytes(v);

    public static byte[] U16(ushort v) => BitConverter.GetBytes(v);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static void Attr(Stream s, int type, byte[] payload)
    {
        s.Write(U16((ushort)(4 + payload.Length)));
        s.Write(U16((ushort)type));
        s.Write(payload);
        var pad = (4 - (payload.Length % 4)) % 4;
        s.Write(new byte[pad]);
    }
}
