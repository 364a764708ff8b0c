using System.Globalization;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Description;
using Sriov.Sim.Node.Netdevs;

namespace Sriov.Sim.Node.Kernel;

/// <summary>The emulator's device operations: what the PCI core and the drivers do once a write is accepted.</summary>
internal sealed partial class KernelEmulator
{
    /// <summary>Lays out a new node: bridges, PFs on their drivers with their interfaces, and the initial VFs.</summary>
    public void Build()
    {
        _building = true;
        _tree.CreateSkeleton(Iommu);
        foreach (var driver in _loadedDrivers)
        {
            _tree.AddDriver(driver);
        }

        var bridges = new Dictionary<PciAddress, SimFunction>();
        var pfs = new List<SimFunction>();
        foreach (var port in _description.Ports)
        {
            var address = PciAddress.Parse(port.PciAddress);
            var bridgeAddress = BridgeOf(port, address);
            if (!bridges.TryGetValue(bridgeAddress, out var bridge))
            {
                bridge = new SimFunction(bridgeAddress, _tree.BridgeDirectory(bridgeAddress), null, null, -1);
                AddFunction(bridge);
                BindCore(bridge, "pcieport", []);
                bridges[bridgeAddress] = bridge;
            }

            var pf = new SimFunction(address, Path.Join(bridge.Directory, address.ToString()), port, null, -1);
            AddFunction(pf);
            pfs.Add(pf);
        }

        var netdevs = new List<SimFunction>();
        foreach (var pf in pfs)
        {
            BindCore(pf, pf.NativeDriver!, netdevs);
        }

        RegisterNetdevs(netdevs);
        foreach (var pf in pfs.Where(p => p.Port!.NumVfs > 0))
        {
            EnableVfs(pf, pf.Port!.NumVfs, immediate: true);
            SysfsTree.Attr(pf, "sriov_numvfs", KernelParse.Number(pf.NumVfs));
        }

        _building = false;
    }

    /// <summary>Takes over an existing tree (made by <c>node create</c>): rebuilds the state from its links and files.</summary>
    public void Adopt()
    {
        foreach (var port in _description.Ports)
        {
            var address = PciAddress.Parse(port.PciAddress);
            var bridgeAddress = BridgeOf(port, address);
            var bridgeDir = _tree.BridgeDirectory(bridgeAddress);
            if (!_functions.ContainsKey(bridgeAddress))
            {
                AdoptFunction(new SimFunction(bridgeAddress, bridgeDir, null, null, -1));
            }

            var pf = AdoptFunction(new SimFunction(address, Path.Join(bridgeDir, address.ToString()), port, null, -1));
            for (var i = 0; ; i++)
            {
                var link = Path.Join(pf.Directory, "virtfn" + KernelParse.Number(i));
                if (new FileInfo(link).LinkTarget is null)
                {
                    break;
                }

                var vfAddress = address.VirtualFunction(port.VfOffset, port.VfStride, i);
                pf.Vfs.Add(AdoptFunction(new SimFunction(vfAddress, Path.Join(bridgeDir, vfAddress.ToString()), port, pf, i)));
            }
        }
    }

    private SimFunction AdoptFunction(SimFunction f)
    {
        if (!Directory.Exists(f.Directory))
        {
            throw new InvalidDataException($"{f.Directory} is missing: the tree does not match its description; create the node again");
        }

        f.Driver = LinkName(Path.Join(f.Directory, "driver"));
        f.DriverOverride = SysfsParseOverride(File.ReadAllText(Path.Join(f.Directory, "driver_override")));
        if (LinkName(Path.Join(f.Directory, "iommu_group")) is { } group)
        {
            f.IommuGroup = int.Parse(group, CultureInfo.InvariantCulture);
            _usedGroups.Add(f.IommuGroup.Value);
        }

        var net = Path.Join(f.Directory, "net");
        if (Directory.Exists(net) && Directory.EnumerateFileSystemEntries(net).Select(Path.GetFileName).FirstOrDefault() is { } name)
        {
            f.Netdev = name;
            f.NetdevBase = name;
        }

        var ib = Path.Join(f.Directory, "infiniband");
        if (Directory.Exists(ib) && Directory.EnumerateFileSystemEntries(ib).Select(Path.GetFileName).FirstOrDefault() is { } rdma)
        {
            f.RdmaDevice = rdma;
        }

        _functions[f.Address] = f;
        return f;
    }

    private static string? LinkName(string link) =>
        new FileInfo(link).LinkTarget is { } target ? Path.GetFileName(target) : null;

    private static string? SysfsParseOverride(string text) => text.TrimEnd('\n') is "(null)" or "" ? null : text.TrimEnd('\n');

    private static PciAddress BridgeOf(PortDescription port, PciAddress pf) =>
        port.Bridge is { } b ? PciAddress.Parse(b) : new PciAddress(pf.Domain, pf.Bus - 1, 0, 0);

    private void AddFunction(SimFunction f)
    {
        _tree.AddFunction(f);
        _functions[f.Address] = f;

        // With the IOMMU on, every function gets a group as it is added (iommu_probe_device); VFs get their own (ACS).
        if (Iommu == IommuMode.On)
        {
            _tree.SetIommuGroup(f, AllocateGroup());
        }

        Watch(f.Directory, new WatchTarget(WatchKind.Device, f, null));
    }

    private void RemoveFunction(SimFunction f)
    {
        if (f.Driver is not null)
        {
            UnbindCore(f);
        }

        if (f.IommuGroup is { } group)
        {
            _tree.SetIommuGroup(f, null);
            _usedGroups.Remove(group);
        }

        Unwatch(f.Directory);
        _tree.RemoveFunction(f);
        _functions.Remove(f.Address);
        f.Removed = true;
        f.BindGeneration++;
    }

    /// <summary>
    /// <c>sriov_enable</c>: adds VFs 0..n-1 next to the PF with their links, then (sriov_drivers_autoprobe) probes each
    /// on the VF driver; a netdev VF driver registers its interface after <c>netdevDelay</c> (iavf does it from a work
    /// queue, after the bind has returned).
    /// </summary>
    private void EnableVfs(SimFunction pf, int n, bool immediate)
    {
        var port = pf.Port!;
        var parent = Path.GetDirectoryName(pf.Directory)!;
        var netdevs = new List<SimFunction>();
        for (var i = 0; i < n; i++)
        {
            var address = pf.Address.VirtualFunction(port.VfOffset, port.VfStride, i);
            var vf = new SimFunction(address, Path.Join(parent, address.ToString()), port, pf, i);
            AddFunction(vf);
            pf.Vfs.Add(vf);
            if (vf.NativeDriver is { } driver && _loadedDrivers.Contains(driver))
            {
                BindCore(vf, driver, netdevs);
            }
        }

        RegisterNetdevsLater(netdevs, immediate);
    }

    /// <summary><c>sriov_disable</c>: removes every VF (unbinding its driver first, which unregisters its interface).</summary>
    private void DisableVfs(SimFunction pf)
    {
        var bound = pf.Vfs.Where(v => v.Netdev is not null).ToList();
        if (bound.Count > 0)
        {
            _netdevs.UnregisterMany(bound);
            foreach (var vf in bound)
            {
                ForgetNetdev(vf);
            }
        }

        for (var i = pf.Vfs.Count - 1; i >= 0; i--)
        {
            RemoveFunction(pf.Vfs[i]);
        }

        pf.Vfs.Clear();
    }

    /// <summary>A successful probe: the driver links, the driver's side effects (netdev, RDMA device, vfio group node).</summary>
    private void BindCore(SimFunction f, string driver, List<SimFunction> netdevs)
    {
        var previous = f.Driver;
        f.Driver = driver;
        f.BindGeneration++;
        _tree.SetDriver(f, previous, driver);
        if (f.IsPf && driver == f.NativeDriver && f.Port!.DeviceTotalVfs is not null)
        {
            // The PF driver's pci_sriov_set_totalvfs limit (igb: 7 of the 82576's 8).
            SysfsTree.Attr(f, "sriov_totalvfs", KernelParse.Number(f.Port.TotalVfs));
        }

        if (driver == f.NativeDriver && f.Port is { } port)
        {
            if (port.Netdev is not null)
            {
                netdevs.Add(f);
            }

            if (port.Rdma is { } prefix)
            {
                f.RdmaDevice = AllocateName(prefix + "_", _functions.Values.Select(x => x.RdmaDevice));
                var dir = Path.Join(f.Directory, "infiniband", f.RdmaDevice);
                Directory.CreateDirectory(dir);
                SysfsTree.Write(Path.Join(dir, "node_type"), "1: CA\n");
                SysfsTree.Link(Path.Join(_tree.ClassInfiniband, f.RdmaDevice), dir);
            }
        }

        if (driver == "vfio-pci")
        {
            // vfio-pci makes the group's character device; in no-IOMMU mode it first makes a fake group for the device.
            if (Iommu == IommuMode.NoIommu)
            {
                _tree.SetIommuGroup(f, AllocateGroup(), "vfio-noiommu");
            }

            SysfsTree.Write(Path.Join(_tree.DevVfio, VfioNode(f)), "");
        }
    }

    /// <summary>The driver's remove: interfaces and RDMA devices go synchronously (unregister_netdev runs inside remove).</summary>
    private void UnbindCore(SimFunction f)
    {
        var driver = f.Driver;
        if (f.IsPf && driver == f.NativeDriver && driver != "pci-pf-stub" && f.NumVfs > 0)
        {
            // NIC PF drivers disable SR-IOV in their remove callback (igb_remove -> igb_disable_sriov, ice_free_vfs,
            // i40e_free_vfs, mlx5_sriov_detach); pci-pf-stub has no remove and leaves the VFs (the core only warns).
            DisableVfs(f);
            SelfWrite(f, "sriov_numvfs", "0");
            NumVfsChanged?.Invoke(f.Address, 0);
        }

        if (f.IsPf && f.Port!.DeviceTotalVfs is { } deviceTotal)
        {
            // pci_iov_remove drops the driver's limit: sriov_totalvfs shows the capability's TotalVFs again.
            SysfsTree.Attr(f, "sriov_totalvfs", KernelParse.Number(deviceTotal));
        }

        if (f.Netdev is not null)
        {
            _netdevs.UnregisterMany([f]);
            ForgetNetdev(f);
        }

        if (f.RdmaDevice is { } rdma)
        {
            SysfsTree.DeleteLink(Path.Join(_tree.ClassInfiniband, rdma));
            Directory.Delete(Path.Join(f.Directory, "infiniband"), recursive: true);
            f.RdmaDevice = null;
        }

        if (driver == "vfio-pci" && f.IommuGroup is { } group)
        {
            File.Delete(Path.Join(_tree.DevVfio, VfioNode(f)));
            if (Iommu == IommuMode.NoIommu)
            {
                _tree.SetIommuGroup(f, null);
                _usedGroups.Remove(group);
            }
        }

        f.Driver = null;
        f.BindGeneration++;
        _tree.SetDriver(f, driver, null);
    }

    private static void ForgetNetdev(SimFunction f)
    {
        f.Netdev = null;
        f.NetdevBase = null;
        var net = Path.Join(f.Directory, "net");
        if (Directory.Exists(net) && !Directory.EnumerateFileSystemEntries(net).Any())
        {
            Directory.Delete(net);
        }
    }

    private void RegisterNetdevsLater(List<SimFunction> functions, bool immediate)
    {
        if (functions.Count == 0)
        {
            return;
        }

        if (immediate)
        {
            RegisterNetdevs(functions);
            return;
        }

        var generations = functions.Select(f => (f, f.BindGeneration)).ToList();
        Schedule(_netdevDelay, () => RegisterNetdevs([.. generations.Where(g => !g.f.Removed && g.f.BindGeneration == g.BindGeneration).Select(g => g.f)]));
    }

    private void RegisterNetdevs(List<SimFunction> functions)
    {
        if (functions.Count == 0)
        {
            return;
        }

        var specs = new List<(SimFunction, NetdevSpec)>(functions.Count);
        foreach (var f in functions)
        {
            var spec = SpecFor(f);
            f.NetdevBase = spec.Name;
            specs.Add((f, spec));
        }

        var names = _netdevs.RegisterMany(specs);
        for (var i = 0; i < functions.Count; i++)
        {
            functions[i].Netdev = names[i];
        }
    }

    private NetdevSpec SpecFor(SimFunction f)
    {
        var port = f.Port!;
        var ib = port.LinkType == "infiniband";
        var name = !f.IsVf ? port.Netdev!
            : port.VfNetdev.EndsWith("{n}", StringComparison.Ordinal)
                ? AllocateName(NodeDescriptionValidator.VfNetdevName(port.VfNetdev[..^3], port.Netdev!, f.VfIndex, 0), UsedNetdevNames())
                : NodeDescriptionValidator.VfNetdevName(port.VfNetdev, port.Netdev!, f.VfIndex, 0);
        var adminMac = f.IsVf ? VfAdminMac?.Invoke(f.Pf!.Address, f.VfIndex) : null;
        return new NetdevSpec(
            name,
            f.IsPf && port.Mac is { } mac ? mac : adminMac ?? DerivedMac(f.Address, ib),
            port.Mtu ?? (ib ? 2044 : 1500),
            ib ? LinkType.Infiniband : LinkType.Ether,

            // A booted node's PFs are up; a driver registers a new interface down (a PF probed again stays down).
            Up: f.IsPf && _building,
            port.Speed,
            f.IsPf ? port.PhysPortName : null);
    }

    private IEnumerable<string?> UsedNetdevNames() =>
        _functions.Values.Select(f => f.NetdevBase).Concat(_description.Ports.Select(p => p.Netdev));

    /// <summary>A locally administered address unique in the node, derived from the PCI address (a real VF without an admin MAC gets a random one).</summary>
    private static string DerivedMac(PciAddress a, bool infiniband)
    {
        var mac = string.Create(CultureInfo.InvariantCulture, $"02:{a.Domain & 0xff:x2}:{a.Bus:x2}:{(a.Device << 3) | a.Function:x2}:00:01");
        return infiniband ? "00:00:10:87:fe:80:00:00:00:00:00:00:" + mac + ":00:00" : mac;
    }

    /// <summary>The kernel's <c>%d</c> name allocation: the lowest number not in use.</summary>
    private static string AllocateName(string prefix, IEnumerable<string?> used)
    {
        var taken = used.Where(u => u is not null).ToHashSet(StringComparer.Ordinal);
        for (var n = 0; ; n++)
        {
            var name = prefix + KernelParse.Number(n);
            if (!taken.Contains(name))
            {
                return name;
            }
        }
    }

    private int AllocateGroup()
    {
        var g = 0;
        while (_usedGroups.Contains(g))
        {
            g++;
        }

        _usedGroups.Add(g);
        return g;
    }

    private string VfioNode(SimFunction f) =>
        (Iommu == IommuMode.NoIommu ? "noiommu-" : "") + KernelParse.Number(f.IommuGroup ?? -1);
}
