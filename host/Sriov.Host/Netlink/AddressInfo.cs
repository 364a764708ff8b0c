using System.Net;

namespace Sriov.Host.Netlink;

/// <summary>An interface address from an RTM_NEWADDR reply.</summary>
public sealed record AddressInfo
{
    public required int InterfaceIndex { get; init; }

    /// <summary>IFA_LOCAL when present (the interface's own address), else IFA_ADDRESS.</summary>
    public required IPAddress Address { get; init; }

    public required int PrefixLength { get; init; }

    /// <summary>IFA_FLAGS when present (it carries the bits above 8), else <c>ifa_flags</c>.</summary>
    public uint Flags { get; init; }

    public byte Scope { get; init; }

    public IPAddress? Broadcast { get; init; }

    public string? Label { get; init; }

    /// <summary>IFA_F_TENTATIVE: IPv6 duplicate address detection has not finished.</summary>
    public bool IsTentative => (Flags & 0x40) != 0;

    public override string ToString() => $"{Address}/{PrefixLength} (ifindex {InterfaceIndex})";
}
