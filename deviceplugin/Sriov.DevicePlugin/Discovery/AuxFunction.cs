using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// An auxiliary device (a subfunction, <c>mlx5_core.sf.4</c>) under a PCI parent, as read from
/// <c>sys/bus/auxiliary/devices/&lt;name&gt;</c>: its type from the name, the SF number from <c>sfnum</c>, its netdev and
/// RDMA devices.
/// </summary>
internal sealed record AuxFunction
{
    public required string Name { get; init; }

    public required PciAddress Parent { get; init; }

    /// <summary>The middle part of <c>&lt;driver&gt;.&lt;type&gt;.&lt;id&gt;</c>, e.g. <c>sf</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>sfnum</c>; null when unreadable (the device is then not advertised).</summary>
    public int? SfNumber { get; init; }

    public string? Netdev { get; init; }

    public int? NetdevType { get; init; }

    public IReadOnlyList<string> RdmaDevices { get; init; } = [];
}
