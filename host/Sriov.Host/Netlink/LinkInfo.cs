using Sriov.Host.VfControl;

namespace Sriov.Host.Netlink;

/// <summary>A network device as an RTM_NEWLINK reply describes it.</summary>
public sealed record LinkInfo
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    /// <summary><c>ifi_flags</c> (IFF_UP 0x1, IFF_RUNNING 0x40, IFF_LOWER_UP 0x10000, ...).</summary>
    public uint Flags { get; init; }

    /// <summary><c>ifi_type</c> (ARPHRD_ETHER 1, ARPHRD_INFINIBAND 32, ...).</summary>
    public ushort Type { get; init; }

    public int Mtu { get; init; }

    /// <summary>IFLA_ADDRESS as sent (6 bytes for Ethernet, 20 for InfiniBand); empty when absent.</summary>
    public IReadOnlyList<byte> HardwareAddress { get; init; } = [];

    /// <summary>IFLA_ADDRESS as a MAC when it is 6 bytes long.</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>IFLA_OPERSTATE (RFC 2863: 2 down, 6 up, 0 unknown...).</summary>
    public byte OperState { get; init; }

    /// <summary>IFLA_CARRIER, when the kernel sent it.</summary>
    public bool? Carrier { get; init; }

    /// <summary>IFLA_PROP_LIST / IFLA_ALT_IFNAME entries.</summary>
    public IReadOnlyList<string> AltNames { get; init; } = [];

    /// <summary>IFLA_NUM_VF (only with RTEXT_FILTER_VF on an SR-IOV PF).</summary>
    public int? NumVfs { get; init; }

    /// <summary>IFLA_VFINFO_LIST, ordered by VF number (only with RTEXT_FILTER_VF).</summary>
    public IReadOnlyList<VfInfo> Vfs { get; init; } = [];

    public bool IsUp => (Flags & 0x1) != 0;

    public bool IsRunning => (Flags & 0x40) != 0;

    public override string ToString() => $"{Name} (ifindex {Index})";
}
