namespace Sriov.Sim.Node.Description;

/// <summary>
/// One SR-IOV capable PCI function (a NIC port or an accelerator) and its VFs. Ids are lower-case hex without
/// <c>0x</c>. VF addresses follow the kernel: routing ID of the PF + <see cref="VfOffset"/> + <see cref="VfStride"/> × index.
/// </summary>
public sealed class PortDescription
{
    /// <summary>The PF's address, e.g. <c>0000:3b:00.0</c>.</summary>
    public string PciAddress { get; set; } = "";

    /// <summary>The upstream bridge (root port) the PF sits under; default: function 00.0 on the bus below the PF's.</summary>
    public string? Bridge { get; set; }

    public string Vendor { get; set; } = "";

    public string Device { get; set; } = "";

    /// <summary>Default: <see cref="Vendor"/>.</summary>
    public string? SubsystemVendor { get; set; }

    /// <summary>Default: <c>0000</c>.</summary>
    public string? SubsystemDevice { get; set; }

    /// <summary>24-bit class code: <c>020000</c> Ethernet (default), <c>020700</c> InfiniBand, <c>120000</c> accelerator.</summary>
    public string Class { get; set; } = "020000";

    /// <summary>The PF's driver (e.g. <c>ice</c>); it is bound at creation.</summary>
    public string Driver { get; set; } = "";

    public int TotalVfs { get; set; }

    /// <summary>
    /// TotalVFs of the function's SR-IOV capability, which <c>sriov_totalvfs</c> shows while no driver limits it (the PCI
    /// core drops a driver's <c>pci_sriov_set_totalvfs</c> limit when the driver unbinds); default <see cref="TotalVfs"/>.
    /// The 82576 has 8, of which igb offers 7 (one pool stays with the PF).
    /// </summary>
    public int? DeviceTotalVfs { get; set; }

    /// <summary>VFs present when the node is created (default 0).</summary>
    public int NumVfs { get; set; }

    /// <summary><c>sriov_offset</c>: the first VF's routing-ID distance from the PF (≥ 1).</summary>
    public int VfOffset { get; set; } = 1;

    /// <summary><c>sriov_stride</c>.</summary>
    public int VfStride { get; set; } = 1;

    /// <summary>Default: <see cref="Vendor"/>.</summary>
    public string? VfVendor { get; set; }

    public string VfDevice { get; set; } = "";

    /// <summary>The driver VFs are probed by (autoprobe), e.g. <c>iavf</c>; empty or absent: no in-kernel VF driver, VFs stay unbound.</summary>
    public string? VfDriver { get; set; }

    /// <summary><c>numa_node</c> of the PF and its VFs; -1 for none.</summary>
    public int NumaNode { get; set; }

    /// <summary>The PF's interface name; absent for accelerators (no netdev).</summary>
    public string? Netdev { get; set; }

    /// <summary>
    /// VF interface names: <c>{pf}</c> the PF's interface, <c>{vf}</c> the VF index, and at the end <c>{n}</c>: the lowest
    /// number free for the rest of the name (the kernel's <c>eth%d</c>). Default <c>{pf}v{vf}</c> (systemd's names for VFs).
    /// </summary>
    public string VfNetdev { get; set; } = "{pf}v{vf}";

    /// <summary><c>ether</c> (default) or <c>infiniband</c> (IPoIB interfaces: 20-byte addresses, type 32).</summary>
    public string LinkType { get; set; } = "ether";

    /// <summary>PF MTU; default 1500 (2044 for InfiniBand). VFs start with the same.</summary>
    public int? Mtu { get; set; }

    /// <summary>The PF's MAC (20 bytes for InfiniBand); VF MACs are derived from their addresses.</summary>
    public string? Mac { get; set; }

    /// <summary>Link speed in Mb/s reported by <c>speed</c> (a driver-computed attribute).</summary>
    public int? Speed { get; set; }

    /// <summary><c>phys_port_name</c> of the PF interface (mlx5 uplinks answer <c>p0</c>); absent: the driver has none.</summary>
    public string? PhysPortName { get; set; }

    /// <summary>RDMA device prefix when the driver registers RDMA devices (<c>mlx5</c> gives <c>mlx5_0</c>, <c>mlx5_1</c>, ...).</summary>
    public string? Rdma { get; set; }

    /// <summary><c>acpi_index</c> of the PF; absent by default.</summary>
    public int? AcpiIndex { get; set; }
}
