using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// A device that may be advertised, with every attribute a selector, the device specs, the env and the health rules
/// look at. For an auxiliary device the PCI attributes are its parent's.
/// </summary>
internal sealed record DeviceCandidate
{
    /// <summary>The ListAndWatch id: the PCI address, or the auxiliary device's name.</summary>
    public required string Id { get; init; }

    /// <summary>The PCI function (for auxiliary devices, the parent).</summary>
    public required PciAddress Pci { get; init; }

    public string? Vendor { get; init; }

    public string? Device { get; init; }

    public required string Driver { get; init; }

    /// <summary>NUMA node, -1 when none.</summary>
    public int NumaNode { get; init; } = -1;

    public string? AcpiIndex { get; init; }

    /// <summary>The PF's PCI address, null when the device is not a VF (or its PF is not visible, as in a VM).</summary>
    public PciAddress? PfAddress { get; init; }

    /// <summary>The PF's netdev (the uplink of a switchdev PF); null when the PF has none or there is no PF.</summary>
    public string? PfName { get; init; }

    /// <summary>VF index in its PF (SF number for auxiliary devices); null when not a VF.</summary>
    public int? FunctionIndex { get; init; }

    /// <summary>The device's own netdev (first entry of <c>net/</c>); null for vfio/uio and accelerators.</summary>
    public string? Netdev { get; init; }

    /// <summary>The link type of the device's own netdev (<c>ether</c>, <c>infiniband</c>); null without one.</summary>
    public string? LinkType { get; init; }

    /// <summary>The link type <c>linkTypes</c> matches against: the own netdev's, else the PF's (as upstream).</summary>
    public string? SelectionLinkType { get; init; }

    public IReadOnlyList<string> RdmaDevices { get; init; } = [];

    public int? IommuGroup { get; init; }

    public FunctionExtras Extras { get; init; } = FunctionExtras.None;

    /// <summary>For auxiliary devices: the type part of the name (<c>sf</c>).</summary>
    public string? AuxType { get; init; }

    public bool IsAuxiliary => AuxType is not null;
}
