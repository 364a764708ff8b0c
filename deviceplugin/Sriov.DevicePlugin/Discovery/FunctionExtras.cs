namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// What the device plugin reads about a function beyond <c>Sriov.Host</c>'s discovery, only where it matters: the
/// IOMMU group's name for vfio-pci functions (no-IOMMU mode), the uio device of uio drivers, vDPA devices, the IB
/// default partition key and the DDP profile when a selector asks, and which netdev of a switchdev PF is the uplink.
/// </summary>
internal sealed record FunctionExtras
{
    public static FunctionExtras None { get; } = new();

    /// <summary>The group is a vfio no-IOMMU group (its <c>name</c> is <c>vfio-noiommu</c>): the host node is <c>/dev/vfio/noiommu-N</c>.</summary>
    public bool NoIommu { get; init; }

    /// <summary>The first entry of <c>uio/</c> (<c>uio0</c>) for uio drivers.</summary>
    public string? UioDevice { get; init; }

    public VdpaDevice? Vdpa { get; init; }

    /// <summary>The default (index 0) partition key of an IB function's first port.</summary>
    public int? PKey { get; init; }

    public string? DdpProfile { get; init; }

    /// <summary>For a PF with several netdevs (switchdev: uplink and representors), the uplink's name.</summary>
    public string? Uplink { get; init; }
}
