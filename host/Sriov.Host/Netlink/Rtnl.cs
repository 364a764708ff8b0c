namespace Sriov.Host.Netlink;

/// <summary>rtnetlink constants from <c>linux/rtnetlink.h</c>, <c>linux/if_link.h</c>, <c>linux/if_addr.h</c>.</summary>
internal static class Rtnl
{
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_SETLINK = 19;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWLINKPROP = 108;
    public const ushort RTM_DELLINKPROP = 109;

    public const uint RTNLGRP_LINK = 1;

    public const int IfInfoMsgSize = 16;
    public const int IfAddrMsgSize = 8;
    public const int RtMsgSize = 12;

    public const uint IFF_UP = 0x1;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_LOWER_UP = 0x10000;

    public const uint RTEXT_FILTER_VF = 1;
    public const uint RTEXT_FILTER_SKIP_STATS = 8;

    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_NET_NS_PID = 19;
    public const ushort IFLA_IFALIAS = 20;
    public const ushort IFLA_NUM_VF = 21;
    public const ushort IFLA_VFINFO_LIST = 22;
    public const ushort IFLA_NET_NS_FD = 28;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFLA_PROP_LIST = 52;
    public const ushort IFLA_ALT_IFNAME = 53;
    public const ushort IFLA_PERM_ADDRESS = 54;

    public const ushort IFLA_VF_INFO = 1;
    public const ushort IFLA_VF_MAC = 1;
    public const ushort IFLA_VF_VLAN = 2;
    public const ushort IFLA_VF_TX_RATE = 3;
    public const ushort IFLA_VF_SPOOFCHK = 4;
    public const ushort IFLA_VF_LINK_STATE = 5;
    public const ushort IFLA_VF_RATE = 6;
    public const ushort IFLA_VF_RSS_QUERY_EN = 7;
    public const ushort IFLA_VF_STATS = 8;
    public const ushort IFLA_VF_TRUST = 9;
    public const ushort IFLA_VF_IB_NODE_GUID = 10;
    public const ushort IFLA_VF_IB_PORT_GUID = 11;
    public const ushort IFLA_VF_VLAN_LIST = 12;
    public const ushort IFLA_VF_BROADCAST = 13;
    public const ushort IFLA_VF_VLAN_INFO = 1;

    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_FLAGS = 8;

    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;

    public const byte RT_TABLE_UNSPEC = 0;
    public const byte RT_TABLE_MAIN = 254;
    public const byte RTPROT_BOOT = 3;
    public const byte RTN_UNICAST = 1;
    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_LINK = 253;
}
