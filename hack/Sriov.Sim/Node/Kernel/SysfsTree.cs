using System.Globalization;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Description;

namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// Lays the simulated sysfs out the way the kernel does: device directories nested under their bridge in
/// <c>sys/devices/pci&lt;domain&gt;:&lt;bus&gt;/</c>, relative links exactly as the kernel makes them (<c>bus/pci/devices/X</c>,
/// <c>driver</c>, <c>iommu_group</c>, <c>physfn</c>, <c>virtfnN</c>, <c>class/net/&lt;if&gt;</c>), and attribute contents in
/// the kernel's formats (<c>0x8086</c>, upper-case modalias, <c>(null)</c> for an unset override).
/// </summary>
internal sealed class SysfsTree
{
    public SysfsTree(string root)
    {
        Root = Path.GetFullPath(root);
        Sys = Path.Join(Root, "sys");
        BusPci = Path.Join(Sys, "bus", "pci");
        BusDevices = Path.Join(BusPci, "devices");
        Drivers = Path.Join(BusPci, "drivers");
        IommuGroups = Path.Join(Sys, "kernel", "iommu_groups");
        ClassNet = Path.Join(Sys, "class", "net");
        ClassInfiniband = Path.Join(Sys, "class", "infiniband");
        DevVfio = Path.Join(Root, "dev", "vfio");
        StateDirectory = Path.Join(Root, ".sriov-sim");
    }

    public string Root { get; }

    public string Sys { get; }

    public string BusPci { get; }

    public string BusDevices { get; }

    public string Drivers { get; }

    public string IommuGroups { get; }

    public string ClassNet { get; }

    public string ClassInfiniband { get; }

    public string DevVfio { get; }

    /// <summary><c>&lt;root&gt;/.sriov-sim</c>: the description, the rejected-operation record, the emulator's sync file.</summary>
    public string StateDirectory { get; }

    public void CreateSkeleton(IommuMode iommu)
    {
        foreach (var dir in new[] { BusDevices, Drivers, IommuGroups, ClassNet, ClassInfiniband, StateDirectory })
        {
            Directory.CreateDirectory(dir);
        }

        Write(Path.Join(BusPci, "drivers_probe"), "");
        Write(Path.Join(BusPci, "drivers_autoprobe"), "1\n");
        Write(Path.Join(BusPci, "rescan"), "");
        var vfio = Path.Join(Sys, "module", "vfio", "parameters");
        Directory.CreateDirectory(vfio);
        Write(Path.Join(vfio, "enable_unsafe_noiommu_mode"), iommu == IommuMode.NoIommu ? "Y\n" : "N\n");
    }

    public void AddDriver(string driver)
    {
        var dir = Path.Join(Drivers, driver);
        if (Directory.Exists(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        foreach (var file in new[] { "bind", "unbind", "new_id", "remove_id", "uevent" })
        {
            Write(Path.Join(dir, file), "");
        }

        if (driver == "vfio-pci")
        {
            Directory.CreateDirectory(DevVfio);
            Write(Path.Join(DevVfio, "vfio"), "");
        }
    }

    public string DriverDirectory(string driver) => Path.Join(Drivers, driver);

    /// <summary>The directory of a bridge (root port): <c>sys/devices/pci0000:3a/0000:3a:00.0</c>.</summary>
    public string BridgeDirectory(PciAddress bridge) =>
        Path.Join(Sys, "devices", string.Create(CultureInfo.InvariantCulture, $"pci{bridge.Domain:x4}:{bridge.Bus:x2}"), bridge.ToString());

    /// <summary>Creates the function's directory and attributes and its <c>bus/pci/devices</c> link (like <c>device_add</c>).</summary>
    public void AddFunction(SimFunction f)
    {
        Directory.CreateDirectory(f.Directory);
        var modalias = string.Create(
            CultureInfo.InvariantCulture,
            $"pci:v0000{f.Vendor.ToUpperInvariant()}d0000{f.Device.ToUpperInvariant()}sv0000{f.SubsystemVendor.ToUpperInvariant()}sd0000{f.SubsystemDevice.ToUpperInvariant()}bc{f.ClassCode[..2].ToUpperInvariant()}sc{f.ClassCode[2..4].ToUpperInvariant()}i{f.ClassCode[4..].ToUpperInvariant()}");
        Attr(f, "vendor", "0x" + f.Vendor);
        Attr(f, "device", "0x" + f.Device);
        Attr(f, "subsystem_vendor", "0x" + f.SubsystemVendor);
        Attr(f, "subsystem_device", "0x" + f.SubsystemDevice);
        Attr(f, "class", "0x" + f.ClassCode);
        Attr(f, "revision", "0x02");
        Attr(f, "modalias", modalias);
        Attr(f, "numa_node", f.NumaNode.ToString(CultureInfo.InvariantCulture));
        Attr(f, "enable", "1");
        Attr(f, "driver_override", "(null)");
        Attr(f, "reset", "");
        WriteUevent(f);
        Link(Path.Join(f.Directory, "subsystem"), BusPci);

        // The kernel hides remove/rescan on VFs (real-kernel.md: a write gets EACCES); they only exist on the rest.
        if (!f.IsVf)
        {
            Attr(f, "remove", "");
            Attr(f, "rescan", "");
        }

        if (f.IsPf && f.Port is { } port)
        {
            Attr(f, "sriov_totalvfs", port.TotalVfs.ToString(CultureInfo.InvariantCulture));
            Attr(f, "sriov_numvfs", "0");
            Attr(f, "sriov_offset", port.VfOffset.ToString(CultureInfo.InvariantCulture));
            Attr(f, "sriov_stride", port.VfStride.ToString(CultureInfo.InvariantCulture));
            Attr(f, "sriov_vf_device", port.VfDevice);
            Attr(f, "sriov_drivers_autoprobe", "1");
            Attr(f, "sriov_vf_total_msix", "0");
            if (port.AcpiIndex is { } acpi)
            {
                Attr(f, "acpi_index", acpi.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (f.Pf is { } pf)
        {
            // pci_iov_add_virtfn: the VF's physfn and the PF's virtfnN, both relative to the shared parent directory.
            Link(Path.Join(f.Directory, "physfn"), pf.Directory);
            Link(Path.Join(pf.Directory, "virtfn" + f.VfIndex.ToString(CultureInfo.InvariantCulture)), f.Directory);
        }

        Link(Path.Join(BusDevices, f.Address.ToString()), f.Directory);
    }

    /// <summary>Removes a function's links and directory (like <c>pci_stop_and_remove_bus_device</c>).</summary>
    public void RemoveFunction(SimFunction f)
    {
        DeleteLink(Path.Join(BusDevices, f.Address.ToString()));
        if (f.Pf is { } pf)
        {
            DeleteLink(Path.Join(pf.Directory, "virtfn" + f.VfIndex.ToString(CultureInfo.InvariantCulture)));
        }

        if (Directory.Exists(f.Directory))
        {
            Directory.Delete(f.Directory, recursive: true);
        }
    }

    /// <summary>Points (or removes) the <c>driver</c> link and the driver's link back to the device.</summary>
    public void SetDriver(SimFunction f, string? previous, string? driver)
    {
        if (previous is not null)
        {
            DeleteLink(Path.Join(DriverDirectory(previous), f.Address.ToString()));
            DeleteLink(Path.Join(f.Directory, "driver"));
        }

        if (driver is not null)
        {
            Link(Path.Join(f.Directory, "driver"), DriverDirectory(driver));
            Link(Path.Join(DriverDirectory(driver), f.Address.ToString()), f.Directory);
        }

        WriteUevent(f);
    }

    /// <summary>Puts the function in IOMMU group <paramref name="group"/> (creating the group), or takes it out (removing the group).</summary>
    public void SetIommuGroup(SimFunction f, int? group, string? groupName = null)
    {
        var link = Path.Join(f.Directory, "iommu_group");
        if (f.IommuGroup is { } old)
        {
            DeleteLink(link);
            var oldDir = Path.Join(IommuGroups, old.ToString(CultureInfo.InvariantCulture));
            if (Directory.Exists(oldDir))
            {
                Directory.Delete(oldDir, recursive: true);
            }
        }

        if (group is { } g)
        {
            var dir = Path.Join(IommuGroups, g.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(Path.Join(dir, "devices"));
            Write(Path.Join(dir, "type"), groupName is null ? "DMA\n" : "identity\n");
            Write(Path.Join(dir, "reserved_regions"), "0x00000000fee00000 0x00000000feefffff msi\n");
            if (groupName is not null)
            {
                Write(Path.Join(dir, "name"), groupName + "\n");
            }

            Link(Path.Join(dir, "devices", f.Address.ToString()), f.Directory);
            Link(link, dir);
        }

        f.IommuGroup = group;
    }

    public static void Attr(SimFunction f, string name, string value) => Write(Path.Join(f.Directory, name), value + "\n");

    /// <summary>Creates <paramref name="path"/> as a link to <paramref name="target"/>, relative like the kernel's sysfs links.</summary>
    public static void Link(string path, string target)
    {
        DeleteLink(path);
        File.CreateSymbolicLink(path, Path.GetRelativePath(Path.GetDirectoryName(path)!, target));
    }

    /// <summary>Deletes a link (dangling or not) or file; nothing when absent.</summary>
    public static void DeleteLink(string path) => File.Delete(path);

    public static void Write(string path, string content) => File.WriteAllText(path, content);

    private static void WriteUevent(SimFunction f)
    {
        var driver = f.Driver is null ? "" : $"DRIVER={f.Driver}\n";
        var cls = Convert.ToInt32(f.ClassCode, 16).ToString("X", CultureInfo.InvariantCulture);
        Write(
            Path.Join(f.Directory, "uevent"),
            $"{driver}PCI_CLASS={cls}\nPCI_ID={f.Vendor.ToUpperInvariant()}:{f.Device.ToUpperInvariant()}\n"
            + $"PCI_SUBSYS_ID={f.SubsystemVendor.ToUpperInvariant()}:{f.SubsystemDevice.ToUpperInvariant()}\nPCI_SLOT_NAME={f.Address}\n");
    }
}
