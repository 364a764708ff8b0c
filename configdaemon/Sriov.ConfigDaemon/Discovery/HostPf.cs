using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.Discovery;

/// <summary>One supported SR-IOV PF as discovery found it, with its VFs in index order.</summary>
internal sealed record HostPf
{
    public required string PciAddress { get; init; }

    /// <summary>The PF's interface; null when it has none (no driver, or not in this namespace).</summary>
    public string? Name { get; init; }

    public string? Mac { get; init; }

    public string? Driver { get; init; }

    public string? Vendor { get; init; }

    public string? DeviceId { get; init; }

    public int? Mtu { get; init; }

    /// <summary>IFF_UP; null when unknown.</summary>
    public bool? AdminUp { get; init; }

    /// <summary><c>ETH</c> or <c>IB</c> from the netdev's type; null without a netdev.</summary>
    public string? LinkType { get; init; }

    /// <summary><c>"10000 Mb/s"</c>; null when unknown (link down).</summary>
    public string? LinkSpeed { get; init; }

    public int NumVfs { get; init; }

    public int TotalVfs { get; init; }

    public EswitchMode Eswitch { get; init; }

    public bool HasIommuGroup { get; init; }

    public IReadOnlyList<string> AltNames { get; init; } = [];

    public IReadOnlyList<HostVf> Vfs { get; init; } = [];

    /// <summary>The PF's label in messages: <c>PF 0000:3b:00.0 (ens1f0)</c>.</summary>
    public string Label => Name is null ? $"PF {PciAddress}" : $"PF {PciAddress} ({Name})";
}
