namespace Sriov.Host.Sysfs;

/// <summary>
/// One PCI function as discovery read it from <c>sys/bus/pci/devices/&lt;address&gt;</c>. Ids and the class are lower-case
/// hex without <c>0x</c> (<c>8086</c>, <c>1889</c>, <c>020000</c>). Whatever could not be read is null (or -1 for
/// <see cref="NumaNode"/>) and explained in <see cref="Problems"/>; absent-by-design attributes (no driver, no IOMMU
/// group, not SR-IOV capable) are null without a problem.
/// </summary>
public sealed class PciFunction
{
    public required PciAddress Address { get; init; }

    /// <summary>Absolute path of the device directory (the <c>bus/pci/devices</c> link, not resolved).</summary>
    public required string SysPath { get; init; }

    public string? VendorId { get; init; }

    public string? DeviceId { get; init; }

    public string? SubsystemVendorId { get; init; }

    public string? SubsystemDeviceId { get; init; }

    /// <summary>The 24-bit class code, six hex digits: base class, subclass, prog-if (<c>020000</c> Ethernet, <c>120000</c> accelerator).</summary>
    public string? ClassCode { get; init; }

    /// <summary>The bound driver (basename of the <c>driver</c> link); null when unbound.</summary>
    public string? Driver { get; init; }

    /// <summary><c>driver_override</c>; null when unset (the kernel prints <c>(null)</c>) or when the file is absent.</summary>
    public string? DriverOverride { get; init; }

    /// <summary><c>numa_node</c>; -1 when the platform has none or it could not be read.</summary>
    public int NumaNode { get; init; } = -1;

    /// <summary>The IOMMU group number (basename of the <c>iommu_group</c> link); null without an IOMMU.</summary>
    public int? IommuGroup { get; init; }

    /// <summary><c>acpi_index</c> (firmware-assigned index used for <c>eno</c> names); null when absent.</summary>
    public string? AcpiIndex { get; init; }

    /// <summary><c>sriov_totalvfs</c>; null when the function is not SR-IOV capable (no such file).</summary>
    public int? TotalVfs { get; init; }

    /// <summary><c>sriov_numvfs</c>; null when not SR-IOV capable or unreadable.</summary>
    public int? NumVfs { get; init; }

    /// <summary>The VFs of a PF from its <c>virtfnN</c> links, in index order; empty for anything else.</summary>
    public IReadOnlyList<VfSlot> Vfs { get; init; } = [];

    /// <summary>The PF of a VF (basename of the <c>physfn</c> link); null for anything else.</summary>
    public PciAddress? PhysFn { get; init; }

    /// <summary>The VF's index N in its PF (the PF's <c>virtfnN</c> pointing here); null for anything else.</summary>
    public int? VfIndex { get; init; }

    /// <summary>The interfaces in <c>net/</c>, sorted by name; empty for vfio-pci, unbound functions and accelerators.</summary>
    public IReadOnlyList<NetdevInfo> Netdevs { get; init; } = [];

    /// <summary>The RDMA devices in <c>infiniband/</c> (<c>mlx5_0</c>); empty when none.</summary>
    public IReadOnlyList<string> RdmaDevices { get; init; } = [];

    /// <summary>What could not be read, attribute by attribute; empty on a healthy function.</summary>
    public IReadOnlyList<SysfsProblem> Problems { get; init; } = [];

    /// <summary>True when the function has SR-IOV attributes or VFs, i.e. can have VFs.</summary>
    public bool IsPhysicalFunction => TotalVfs is not null || NumVfs is not null || Vfs.Count > 0;

    /// <summary>True when the function has a <c>physfn</c> link.</summary>
    public bool IsVirtualFunction => PhysFn is not null;

    public override string ToString() => Address.ToString();
}
