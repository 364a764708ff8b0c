using Sriov.DevicePlugin.Discovery;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>Hand-made PCI functions and snapshots for the table tests of the pure cores.</summary>
internal static class Functions
{
    public static NetdevInfo Netdev(string name, int type = LinkType.Ether, bool? carrier = true) =>
        new() { Name = name, SysPath = "/sys/class/net/" + name, LinkType = type, Carrier = carrier, OperState = carrier == true ? "up" : "down" };

    public static PciFunction Pf(string address, string netdev, int numVfs, int vfCount = 0, string vendor = "8086", string device = "1592",
        string driver = "ice", int numa = 0, int linkType = LinkType.Ether, bool? carrier = true, string cls = "020000", int offset = 0, NetdevInfo[]? netdevs = null)
    {
        offset = offset == 0 ? OffsetOf(address) : offset;
        var pf = PciAddress.Parse(address);
        return new PciFunction
        {
            Address = pf,
            SysPath = "/sys/bus/pci/devices/" + address,
            VendorId = vendor,
            DeviceId = device,
            ClassCode = cls,
            Driver = driver,
            NumaNode = numa,
            TotalVfs = 128,
            NumVfs = numVfs,
            Vfs = [.. Enumerable.Range(0, vfCount).Select(i => new VfSlot(i, pf.VirtualFunction(offset, 1, i)))],
            Netdevs = netdevs ?? (netdev.Length == 0 ? [] : [Netdev(netdev, linkType, carrier)]),
        };
    }

    /// <summary>VF <paramref name="index"/> of <paramref name="pf"/> (offset 8 for function 0, 135 for function 1, stride 1: the E810 profile).</summary>
    public static PciFunction Vf(string pf, int index, string? driver = "iavf", string? netdev = null, string vendor = "8086", string device = "1889",
        int numa = 0, int? iommuGroup = null, string[]? rdma = null, int linkType = LinkType.Ether, string cls = "020000")
    {
        var address = PciAddress.Parse(pf).VirtualFunction(OffsetOf(pf), 1, index);
        return new PciFunction
        {
            Address = address,
            SysPath = "/sys/bus/pci/devices/" + address,
            VendorId = vendor,
            DeviceId = device,
            ClassCode = cls,
            Driver = driver,
            NumaNode = numa,
            PhysFn = PciAddress.Parse(pf),
            VfIndex = index,
            IommuGroup = iommuGroup,
            RdmaDevices = rdma ?? [],
            Netdevs = netdev is null ? [] : [Netdev(netdev, linkType)],
        };
    }

    public static string VfAddress(string pf, int index) => PciAddress.Parse(pf).VirtualFunction(OffsetOf(pf), 1, index).ToString();

    private static int OffsetOf(string pf) => PciAddress.Parse(pf).Function == 0 ? 8 : 135;

    public static NodeSnapshot Snapshot(params PciFunction[] functions) => new() { Inventory = new PciInventory(functions) };

    /// <summary>PF 0000:3b:00.0 (ens1f0, NUMA 0) with 4 iavf VFs, and PF 0000:3b:00.1 (ens1f1, NUMA 1) with 4 VFs, 2 on vfio-pci.</summary>
    public static NodeSnapshot TwoPorts() => Snapshot(
        Pf("0000:3b:00.0", "ens1f0", 4, 4),
        Vf("0000:3b:00.0", 0, netdev: "ens1f0v0"),
        Vf("0000:3b:00.0", 1, netdev: "ens1f0v1"),
        Vf("0000:3b:00.0", 2, netdev: "ens1f0v2"),
        Vf("0000:3b:00.0", 3, netdev: "ens1f0v3"),
        Pf("0000:3b:00.1", "ens1f1", 4, 4, numa: 1),
        Vf("0000:3b:00.1", 0, netdev: "ens1f1v0", numa: 1),
        Vf("0000:3b:00.1", 1, netdev: "ens1f1v1", numa: 1),
        Vf("0000:3b:00.1", 2, driver: "vfio-pci", numa: 1, iommuGroup: 71),
        Vf("0000:3b:00.1", 3, driver: "vfio-pci", numa: 1, iommuGroup: 72));
}
