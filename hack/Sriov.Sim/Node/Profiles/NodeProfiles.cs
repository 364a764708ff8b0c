using Sriov.Sim.Node.Description;

namespace Sriov.Sim.Node.Profiles;

/// <summary>
/// The built-in node descriptions. Ids are from spec/supported-nics.md; the <c>igb</c> profile is the QEMU 10 igb NIC
/// of spec/real-nic.md (one port: QEMU emulates one PF), for the differential test against the real kernel.
/// </summary>
public static class NodeProfiles
{
    private static readonly (string Name, string Summary, Func<NodeDescription> Build)[] All =
    [
        ("intel-e810", "Intel E810-CQDA2 (8086:1592, VF 8086:1889, ice/iavf), 2 ports × 128 VFs", () => Node("intel-e810", "on", E810())),
        ("intel-x710", "Intel X710 (8086:1572, VF 8086:154c, i40e/iavf), 2 ports × 64 VFs", () => Node("intel-x710", "on", X710())),
        ("mlx-cx6", "NVIDIA ConnectX-6 Ethernet (15b3:101b, VF 15b3:101c, mlx5_core), 2 ports × 8 VFs, RDMA", () => Node("mlx-cx6", "on", Cx6())),
        ("mlx-cx6-ib", "NVIDIA ConnectX-6 InfiniBand (15b3:101b, VF 15b3:101c, mlx5_core, IPoIB), 2 ports × 8 VFs", () => Node("mlx-cx6-ib", "on", Cx6Ib())),
        ("accel", "Intel ACC100 accelerator (8086:0d5c class 12, VF 8086:0d5d, pci-pf-stub, VFs without a kernel driver), 16 VFs", () => Node("accel", "on", Accel())),
        ("mixed", "all of intel-e810, intel-x710, mlx-cx6, mlx-cx6-ib and accel in one node", () => Node("mixed", "on", [.. E810(), .. X710(), .. Cx6(), .. Cx6Ib(), .. Accel()])),
        ("igb", "QEMU igb (8086:10c9, VF 8086:10ca, igb/igbvf), 1 port × 7 VFs at offset 128 stride 2, IOMMU off, as spec/real-nic.md", () => Node("igb", "off", Igb())),
    ];

    /// <summary>Profile names with a one-line summary, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, string Summary)> List => [.. All.Select(p => (p.Name, p.Summary))];

    public static bool Exists(string name) => All.Any(p => p.Name == name);

    /// <summary>A fresh copy of a profile.</summary>
    public static NodeDescription Get(string name) =>
        All.FirstOrDefault(p => p.Name == name).Build?.Invoke()
        ?? throw new NodeDescriptionException($"no profile '{name}'; profiles: {string.Join(", ", All.Select(p => p.Name))}");

    /// <summary>A profile by name, or else a description file by path.</summary>
    public static NodeDescription Resolve(string profileOrFile)
    {
        if (Exists(profileOrFile))
        {
            return Get(profileOrFile);
        }

        if (File.Exists(profileOrFile))
        {
            return NodeDescriptionFile.Load(profileOrFile);
        }

        throw new NodeDescriptionException(
            $"'{profileOrFile}' is neither a profile ({string.Join(", ", All.Select(p => p.Name))}) nor a description file");
    }

    private static NodeDescription Node(string name, string iommu, PortDescription[] ports) =>
        new() { Name = name, Iommu = iommu, Ports = [.. ports] };

    // Two ports of one NIC under one root port; port 1's VFs start where port 0's end, as firmware lays them out.
    private static PortDescription[] E810() =>
    [
        Port("0000:3b:00.0", "0000:3a:00.0", "8086", "1592", "0002", "ice", 128, 8, "1889", "iavf", 0, "ens1f0", "b4:96:91:a5:c0:00", 100000),
        Port("0000:3b:00.1", "0000:3a:00.0", "8086", "1592", "0002", "ice", 128, 135, "1889", "iavf", 0, "ens1f1", "b4:96:91:a5:c0:01", 100000),
    ];

    private static PortDescription[] X710() =>
    [
        Port("0000:5e:00.0", "0000:5d:00.0", "8086", "1572", "0007", "i40e", 64, 16, "154c", "iavf", 0, "ens2f0", "3c:fd:fe:b0:5e:00", 10000),
        Port("0000:5e:00.1", "0000:5d:00.0", "8086", "1572", "0007", "i40e", 64, 79, "154c", "iavf", 0, "ens2f1", "3c:fd:fe:b0:5e:01", 10000),
    ];

    private static PortDescription[] Cx6() =>
    [
        Mlx(Port("0000:af:00.0", "0000:ae:00.0", "15b3", "101b", "0007", "mlx5_core", 8, 2, "101c", "mlx5_core", 1, "ens3f0np0", "0c:42:a1:af:00:00", 100000), "p0", "ens3f0v{vf}"),
        Mlx(Port("0000:af:00.1", "0000:ae:00.0", "15b3", "101b", "0007", "mlx5_core", 8, 9, "101c", "mlx5_core", 1, "ens3f1np1", "0c:42:a1:af:00:01", 100000), "p1", "ens3f1v{vf}"),
    ];

    private static PortDescription[] Cx6Ib() =>
    [
        Ib(Port("0000:d8:00.0", "0000:d7:00.0", "15b3", "101b", "0007", "mlx5_core", 8, 2, "101c", "mlx5_core", 1, "ibs4f0", "00:00:10:87:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:d8:00:00", 200000)),
        Ib(Port("0000:d8:00.1", "0000:d7:00.0", "15b3", "101b", "0007", "mlx5_core", 8, 9, "101c", "mlx5_core", 1, "ibs4f1", "00:00:10:87:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:d8:00:01", 200000)),
    ];

    private static PortDescription[] Accel() =>
    [
        new()
        {
            PciAddress = "0000:17:00.0", Bridge = "0000:16:02.0", Vendor = "8086", Device = "0d5c", SubsystemDevice = "0000",
            Class = "120000", Driver = "pci-pf-stub", TotalVfs = 16, VfOffset = 8, VfDevice = "0d5d", VfDriver = null, NumaNode = 0,
        },
    ];

    private static PortDescription[] Igb() =>
    [
        new()
        {
            PciAddress = "0000:01:00.0", Bridge = "0000:00:02.0", Vendor = "8086", Device = "10c9", SubsystemDevice = "0000",
            Driver = "igb", TotalVfs = 7, DeviceTotalVfs = 8, VfOffset = 128, VfStride = 2, VfDevice = "10ca", VfDriver = "igbvf", NumaNode = -1,
            Netdev = "eth0", VfNetdev = "eth{n}", Mac = "52:54:00:12:34:56", Speed = 1000,
        },
    ];

    private static PortDescription Port(
        string address, string bridge, string vendor, string device, string subsystemDevice, string driver, int totalVfs,
        int vfOffset, string vfDevice, string vfDriver, int numa, string netdev, string mac, int speed) =>
        new()
        {
            PciAddress = address, Bridge = bridge, Vendor = vendor, Device = device, SubsystemDevice = subsystemDevice,
            Driver = driver, TotalVfs = totalVfs, VfOffset = vfOffset, VfDevice = vfDevice, VfDriver = vfDriver,
            NumaNode = numa, Netdev = netdev, Mac = mac, Speed = speed,
        };

    // The uplink's name carries "np0" (systemd appends phys_port_name); legacy-mode VFs have none, so theirs do not.
    private static PortDescription Mlx(PortDescription port, string physPortName, string vfNetdev)
    {
        port.PhysPortName = physPortName;
        port.VfNetdev = vfNetdev;
        port.Rdma = "mlx5";
        return port;
    }

    private static PortDescription Ib(PortDescription port)
    {
        port.Class = "020700";
        port.LinkType = "infiniband";
        port.Mtu = 2044;
        port.Rdma = "mlx5";
        return port;
    }
}
