using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Sriov.Host.VfControl;

namespace Sriov.Host.Netlink;

/// <summary>
/// Encoders for every rtnetlink request we send (the table in <c>docs/netlink.md</c>). Pure: each writes one message
/// into a builder, so golden-byte tests and the iproute2 comparison tests call them directly. Set requests are
/// RTM_SETLINK with NLM_F_REQUEST|NLM_F_ACK on the device's ifindex; nests carry NLA_F_NESTED.
/// </summary>
internal static class RtnlRequests
{
    public const int MaxInterfaceName = 15;
    private const ushort Ack = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;

    /// <summary>RTM_GETLINK by name: IFLA_EXT_MASK, then IFLA_IFNAME (IFLA_ALT_IFNAME for names over 15 bytes).</summary>
    public static void GetLinkByName(NetlinkMessageBuilder b, string name, bool withVfs)
    {
        b.Begin(Rtnl.RTM_GETLINK, Ack).IfInfo(0).U32(Rtnl.IFLA_EXT_MASK, ExtMask(withVfs));
        b.String(System.Text.Encoding.UTF8.GetByteCount(name) > MaxInterfaceName ? Rtnl.IFLA_ALT_IFNAME : Rtnl.IFLA_IFNAME, name);
    }

    public static void GetLinkByIndex(NetlinkMessageBuilder b, int index, bool withVfs) =>
        b.Begin(Rtnl.RTM_GETLINK, Ack).IfInfo(index).U32(Rtnl.IFLA_EXT_MASK, ExtMask(withVfs));

    public static void DumpLinks(NetlinkMessageBuilder b, bool withVfs) =>
        b.Begin(Rtnl.RTM_GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP).IfInfo(0).U32(Rtnl.IFLA_EXT_MASK, ExtMask(withVfs));

    public static void SetName(NetlinkMessageBuilder b, int index, string name) =>
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(index).String(Rtnl.IFLA_IFNAME, name);

    public static void SetMtu(NetlinkMessageBuilder b, int index, int mtu) =>
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(index).U32(Rtnl.IFLA_MTU, (uint)mtu);

    public static void SetMac(NetlinkMessageBuilder b, int index, MacAddress mac)
    {
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(index);
        mac.CopyTo(b.Attribute(Rtnl.IFLA_ADDRESS, 6));
    }

    /// <summary>Up or down: <c>ifi_change = IFF_UP</c>, <c>ifi_flags = IFF_UP</c> or 0; no attributes.</summary>
    public static void SetUp(NetlinkMessageBuilder b, int index, bool up) =>
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(index, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP);

    /// <summary>
    /// Move to the namespace behind <paramref name="netnsFd"/>, optionally renaming in the same request
    /// (IFLA_NET_NS_FD, then IFLA_IFNAME: iproute2's order).
    /// </summary>
    public static void MoveToNetns(NetlinkMessageBuilder b, int index, int netnsFd, string? newName)
    {
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(index).U32(Rtnl.IFLA_NET_NS_FD, (uint)netnsFd);
        if (newName is not null)
        {
            b.String(Rtnl.IFLA_IFNAME, newName);
        }
    }

    /// <summary>RTM_DELLINKPROP with IFLA_PROP_LIST{IFLA_ALT_IFNAME}.</summary>
    public static void DeleteAltName(NetlinkMessageBuilder b, int index, string altName)
    {
        b.Begin(Rtnl.RTM_DELLINKPROP, Ack).IfInfo(index);
        var list = b.BeginNested(Rtnl.IFLA_PROP_LIST);
        b.String(Rtnl.IFLA_ALT_IFNAME, altName);
        b.EndNested(list);
    }

    /// <summary>IFLA_VF_MAC: <c>struct ifla_vf_mac { __u32 vf; __u8 mac[32]; }</c>.</summary>
    public static void SetVfMac(NetlinkMessageBuilder b, int pfIndex, int vf, MacAddress mac)
    {
        var p = BeginVf(b, pfIndex, Rtnl.IFLA_VF_MAC, 36, vf, out var nests);
        mac.CopyTo(p[4..]);
        EndVf(b, nests);
    }

    /// <summary>
    /// VLAN: without a protocol, the legacy IFLA_VF_VLAN <c>{vf, vlan, qos}</c> (what <c>ip link set vf N vlan V qos Q</c>
    /// sends, and what every driver accepts); with one, IFLA_VF_VLAN_LIST{IFLA_VF_VLAN_INFO{vf, vlan, qos, __be16 proto}}.
    /// </summary>
    public static void SetVfVlan(NetlinkMessageBuilder b, int pfIndex, int vf, int vlan, int qos, VlanProtocol? protocol)
    {
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(pfIndex);
        var list = b.BeginNested(Rtnl.IFLA_VFINFO_LIST);
        var info = b.BeginNested(Rtnl.IFLA_VF_INFO);
        if (protocol is { } proto)
        {
            var vlans = b.BeginNested(Rtnl.IFLA_VF_VLAN_LIST);
            var p = b.Attribute(Rtnl.IFLA_VF_VLAN_INFO, 16);
            WriteU32(p, 0, vf);
            WriteU32(p, 4, vlan);
            WriteU32(p, 8, qos);
            NetlinkMessageBuilder.WriteBigEndian(p[12..], (ushort)proto);
            b.EndNested(vlans);
        }
        else
        {
            var p = b.Attribute(Rtnl.IFLA_VF_VLAN, 12);
            WriteU32(p, 0, vf);
            WriteU32(p, 4, vlan);
            WriteU32(p, 8, qos);
        }

        b.EndNested(info);
        b.EndNested(list);
    }

    /// <summary>IFLA_VF_RATE: <c>{vf, min_tx_rate, max_tx_rate}</c> in Mbps.</summary>
    public static void SetVfRate(NetlinkMessageBuilder b, int pfIndex, int vf, int minMbps, int maxMbps)
    {
        var p = BeginVf(b, pfIndex, Rtnl.IFLA_VF_RATE, 12, vf, out var nests);
        WriteU32(p, 4, minMbps);
        WriteU32(p, 8, maxMbps);
        EndVf(b, nests);
    }

    public static void SetVfSpoofCheck(NetlinkMessageBuilder b, int pfIndex, int vf, bool enabled) =>
        SetVfU32(b, pfIndex, Rtnl.IFLA_VF_SPOOFCHK, vf, enabled ? 1 : 0);

    public static void SetVfTrust(NetlinkMessageBuilder b, int pfIndex, int vf, bool trusted) =>
        SetVfU32(b, pfIndex, Rtnl.IFLA_VF_TRUST, vf, trusted ? 1 : 0);

    public static void SetVfLinkState(NetlinkMessageBuilder b, int pfIndex, int vf, VfLinkState state) =>
        SetVfU32(b, pfIndex, Rtnl.IFLA_VF_LINK_STATE, vf, (int)state);

    /// <summary>IFLA_VF_IB_NODE_GUID / IFLA_VF_IB_PORT_GUID: <c>struct ifla_vf_guid { __u32 vf; __u64 guid; }</c> (16 bytes).</summary>
    public static void SetVfGuid(NetlinkMessageBuilder b, int pfIndex, int vf, bool port, ulong value)
    {
        var p = BeginVf(b, pfIndex, port ? Rtnl.IFLA_VF_IB_PORT_GUID : Rtnl.IFLA_VF_IB_NODE_GUID, 16, vf, out var nests);
        MemoryMarshal.Write(p[8..], in value);
        EndVf(b, nests);
    }

    /// <summary>
    /// RTM_NEWADDR (CREATE|EXCL) or RTM_DELADDR: <c>ifaddrmsg</c> + IFA_LOCAL + IFA_ADDRESS, plus IFA_BROADCAST for IPv4
    /// prefixes shorter than /31 on add (as sriov-cni's netlink library does).
    /// </summary>
    public static void Address(NetlinkMessageBuilder b, bool add, int index, IPAddress address, int prefixLength)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var flags = add ? (ushort)(Ack | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL) : Ack;
        b.Begin(add ? Rtnl.RTM_NEWADDR : Rtnl.RTM_DELADDR, flags)
            .IfAddr(v6 ? (byte)10 : (byte)2, (byte)prefixLength, 0, 0, index);
        WriteIp(b, Rtnl.IFA_LOCAL, address);
        WriteIp(b, Rtnl.IFA_ADDRESS, address);
        if (add && !v6 && prefixLength < 31)
        {
            WriteIp(b, Rtnl.IFA_BROADCAST, Broadcast(address, prefixLength));
        }
    }

    public static void DumpAddresses(NetlinkMessageBuilder b, AddressFamily family, int index) =>
        b.Begin(Rtnl.RTM_GETADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP).IfAddr(Family(family), 0, 0, 0, index);

    /// <summary>
    /// RTM_NEWROUTE (CREATE|EXCL, as <c>ip route add</c>) or RTM_DELROUTE. Tables above 255 go in RTA_TABLE with
    /// <c>rtm_table</c> 0. A delete matches any scope (RT_SCOPE_NOWHERE), protocol and type unless set.
    /// </summary>
    public static void Route(NetlinkMessageBuilder b, bool add, RouteInfo route)
    {
        var destination = route.Destination;
        var v6 = destination.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        var table = route.Table < 256 ? (byte)route.Table : Rtnl.RT_TABLE_UNSPEC;
        var flags = add ? (ushort)(Ack | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL) : Ack;
        b.Begin(add ? Rtnl.RTM_NEWROUTE : Rtnl.RTM_DELROUTE, flags).RtMsg(
            v6 ? (byte)10 : (byte)2,
            (byte)destination.PrefixLength,
            table,
            add ? route.Protocol : (byte)0,
            add ? route.EffectiveScope : route.Scope ?? 255,
            add ? route.Type : (byte)0);
        if (route.Table >= 256)
        {
            b.U32(Rtnl.RTA_TABLE, route.Table);
        }

        if (destination.PrefixLength > 0)
        {
            WriteIp(b, Rtnl.RTA_DST, destination.BaseAddress);
        }

        if (route.Gateway is not null)
        {
            WriteIp(b, Rtnl.RTA_GATEWAY, route.Gateway);
        }

        if (route.OutputInterface != 0)
        {
            b.U32(Rtnl.RTA_OIF, (uint)route.OutputInterface);
        }

        if (route.Priority is { } priority)
        {
            b.U32(Rtnl.RTA_PRIORITY, priority);
        }

        if (route.PreferredSource is not null)
        {
            WriteIp(b, Rtnl.RTA_PREFSRC, route.PreferredSource);
        }
    }

    public static void DumpRoutes(NetlinkMessageBuilder b, AddressFamily family) =>
        b.Begin(Rtnl.RTM_GETROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP).RtMsg(Family(family), 0, 0, 0, 0, 0);

    internal static IPAddress Broadcast(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var host = prefixLength >= 32 ? 0u : uint.MaxValue >> prefixLength;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value | host);
        return new IPAddress(bytes);
    }

    private static byte Family(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 2,
        AddressFamily.InterNetworkV6 => 10,
        _ => 0,
    };

    private static uint ExtMask(bool withVfs) =>
        withVfs ? Rtnl.RTEXT_FILTER_VF | Rtnl.RTEXT_FILTER_SKIP_STATS : Rtnl.RTEXT_FILTER_SKIP_STATS;

    private static void SetVfU32(NetlinkMessageBuilder b, int pfIndex, ushort type, int vf, int value)
    {
        var p = BeginVf(b, pfIndex, type, 8, vf, out var nests);
        WriteU32(p, 4, value);
        EndVf(b, nests);
    }

    private static Span<byte> BeginVf(NetlinkMessageBuilder b, int pfIndex, ushort type, int size, int vf, out (int List, int Info) nests)
    {
        b.Begin(Rtnl.RTM_SETLINK, Ack).IfInfo(pfIndex);
        nests = (b.BeginNested(Rtnl.IFLA_VFINFO_LIST), b.BeginNested(Rtnl.IFLA_VF_INFO));
        var p = b.Attribute(type, size);
        WriteU32(p, 0, vf);
        return p;
    }

    private static void EndVf(NetlinkMessageBuilder b, (int List, int Info) nests)
    {
        b.EndNested(nests.Info);
        b.EndNested(nests.List);
    }

    private static void WriteU32(Span<byte> p, int offset, int value)
    {
        var u = (uint)value;
        MemoryMarshal.Write(p[offset..], in u);
    }

    private static void WriteIp(NetlinkMessageBuilder b, ushort type, IPAddress address)
    {
        var length = address.AddressFamily == AddressFamily.InterNetworkV6 ? 16 : 4;
        address.TryWriteBytes(b.Attribute(type, length), out _);
    }
}
