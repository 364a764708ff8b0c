using System.Globalization;
using Sriov.Host.Netlink;

namespace Sriov.Host.Sysfs;

/// <summary>
/// Reads one function's directory. Every read is one syscall sequence on one attribute; nothing a driver computes on
/// read (<c>speed</c>, <c>phys_port_name</c>, <c>phys_switch_id</c>) is touched, so reading is cheap enough for the
/// 512-VF discovery budget. A failed read becomes a <see cref="SysfsProblem"/>, never an exception.
/// </summary>
internal sealed class PciFunctionReader
{
    private readonly string _path;
    private List<SysfsProblem>? _problems;

    private PciFunctionReader(string path) => _path = path;

    /// <param name="devicesDirectory"><c>&lt;root&gt;/sys/bus/pci/devices</c>.</param>
    /// <param name="address">The function.</param>
    /// <param name="knownVfIndex">The VF index when the caller already knows it from the PF's links (whole-host discovery).</param>
    public static PciFunction Read(string devicesDirectory, PciAddress address, Func<PciAddress, int?>? knownVfIndex = null)
    {
        var reader = new PciFunctionReader(Path.Join(devicesDirectory, address.ToString()));
        return reader.Read(address, knownVfIndex);
    }

    private PciFunction Read(PciAddress address, Func<PciAddress, int?>? knownVfIndex)
    {
        var idsErrno = SysfsIo.TryReadText(Attr("modalias"), out var modalias);
        if (idsErrno == Errno.ENOENT && !Directory.Exists(_path))
        {
            // The bus/pci/devices entry exists but points nowhere (a device removed under us, or a broken tree).
            SysfsIo.TryReadLink(_path, out var target);
            Problem(".", target is null ? "device directory is missing" : $"device link dangles (points to {target})");
            return new PciFunction { Address = address, SysPath = _path, Problems = _problems! };
        }

        var (vendor, device, subVendor, subDevice, classCode) = ReadIds(idsErrno, modalias);
        var (totalVfs, numVfs, vfs) = ReadSriov();
        var physFn = ReadPhysFn();
        return new PciFunction
        {
            Address = address,
            SysPath = _path,
            VendorId = vendor,
            DeviceId = device,
            SubsystemVendorId = subVendor,
            SubsystemDeviceId = subDevice,
            ClassCode = classCode,
            Driver = ReadLinkName("driver"),
            DriverOverride = ReadDriverOverride(),
            NumaNode = ReadNumaNode(),
            IommuGroup = ReadIommuGroup(),
            AcpiIndex = ReadOptionalText("acpi_index"),
            TotalVfs = totalVfs,
            NumVfs = numVfs,
            Vfs = vfs,
            PhysFn = physFn,
            VfIndex = physFn is { } pf ? knownVfIndex?.Invoke(address) ?? FindVfIndex(pf, address) : null,
            Netdevs = ReadNetdevs(),
            RdmaDevices = ReadNames("infiniband"),
            Problems = (IReadOnlyList<SysfsProblem>?)_problems ?? [],
        };
    }

    private (string?, string?, string?, string?, string?) ReadIds(int modaliasErrno, string? modalias)
    {
        if (modaliasErrno == 0 && SysfsParse.TryParseModalias(modalias, out var ids))
        {
            return (ids.Vendor, ids.Device, ids.SubsystemVendor, ids.SubsystemDevice, ids.ClassCode);
        }

        Problem("modalias", modaliasErrno != 0 ? Errno.Describe(modaliasErrno) : $"malformed value '{modalias}'; ids read from the separate files");
        return (ReadHex("vendor", 4), ReadHex("device", 4), ReadHex("subsystem_vendor", 4), ReadHex("subsystem_device", 4), ReadHex("class", 6));
    }

    private string? ReadHex(string attribute, int digits)
    {
        var errno = SysfsIo.TryReadText(Attr(attribute), out var text);
        if (errno != 0)
        {
            Problem(attribute, Errno.Describe(errno));
            return null;
        }

        if (!SysfsParse.TryParseHexId(text, digits, out var id))
        {
            Problem(attribute, $"malformed value '{text}', expected 0x and {digits} hex digits");
            return null;
        }

        return id;
    }

    private (int? Total, int? Num, IReadOnlyList<VfSlot> Vfs) ReadSriov()
    {
        var errno = SysfsIo.TryReadText(Attr("sriov_totalvfs"), out var text);
        if (errno == Errno.ENOENT)
        {
            return (null, null, []);
        }

        int? total = null;
        if (errno != 0)
        {
            Problem("sriov_totalvfs", Errno.Describe(errno));
        }
        else if (SysfsParse.TryParseInt(text, out var t) && t >= 0)
        {
            total = t;
        }
        else
        {
            Problem("sriov_totalvfs", $"malformed value '{text}'");
        }

        var num = ReadInt("sriov_numvfs", min: 0);
        return (total, num, ReadVirtfnLinks(num));
    }

    /// <summary>
    /// Reads <c>virtfn0</c>, <c>virtfn1</c>, ... until the first missing one: linear in the VF count, no directory scan
    /// and no per-VF search. The kernel creates them contiguously in <c>sriov_add_vfs</c>.
    /// </summary>
    private List<VfSlot> ReadVirtfnLinks(int? numVfs)
    {
        var vfs = new List<VfSlot>(numVfs ?? 0);
        for (var i = 0; ; i++)
        {
            var name = "virtfn" + i.ToString(CultureInfo.InvariantCulture);
            var errno = SysfsIo.TryReadLinkName(Attr(name), out var target);
            if (errno == Errno.ENOENT)
            {
                break;
            }

            if (errno != 0 || !PciAddress.TryParse(target, out var vf))
            {
                Problem(name, errno != 0 ? Errno.Describe(errno) : $"link target '{target}' is not a PCI address");
                continue;
            }

            vfs.Add(new VfSlot(i, vf));
        }

        if (numVfs is { } n && n != vfs.Count)
        {
            Problem("sriov_numvfs", $"says {n} VFs but {vfs.Count} virtfn links exist (VFs being created or removed?)");
        }

        return vfs;
    }

    private PciAddress? ReadPhysFn()
    {
        var errno = SysfsIo.TryReadLinkName(Attr("physfn"), out var name);
        if (errno == Errno.ENOENT)
        {
            return null;
        }

        if (errno == Errno.EINVAL)
        {
            // readlink on something that is not a link; upstream drops such a device, we report it.
            Problem("physfn", "exists but is not a symbolic link");
            return null;
        }

        if (errno != 0 || !PciAddress.TryParse(name, out var pf))
        {
            Problem("physfn", errno != 0 ? Errno.Describe(errno) : $"link target '{name}' is not a PCI address");
            return null;
        }

        return pf;
    }

    private int? FindVfIndex(PciAddress pf, PciAddress vf)
    {
        var pfPath = Path.Join(Path.GetDirectoryName(_path), pf.ToString());
        for (var i = 0; ; i++)
        {
            var errno = SysfsIo.TryReadLinkName(Path.Join(pfPath, "virtfn" + i.ToString(CultureInfo.InvariantCulture)), out var name);
            if (errno == Errno.ENOENT)
            {
                Problem("physfn", $"PF {pf} has no virtfn link to this VF");
                return null;
            }

            if (errno == 0 && name == vf.ToString())
            {
                return i;
            }
        }
    }

    private int ReadNumaNode()
    {
        var errno = SysfsIo.TryReadText(Attr("numa_node"), out var text);
        if (errno != 0)
        {
            Problem("numa_node", Errno.Describe(errno));
            return -1;
        }

        if (!SysfsParse.TryParseInt(text, out var node) || node < -1)
        {
            Problem("numa_node", $"malformed value '{text}'");
            return -1;
        }

        return node;
    }

    private int? ReadIommuGroup()
    {
        var errno = SysfsIo.TryReadLinkName(Attr("iommu_group"), out var name);
        if (errno == Errno.ENOENT)
        {
            return null;
        }

        if (errno != 0 || !SysfsParse.TryParseInt(name, out var group) || group < 0)
        {
            Problem("iommu_group", errno != 0 ? Errno.Describe(errno) : $"link target '{name}' is not a group number");
            return null;
        }

        return group;
    }

    private string? ReadDriverOverride()
    {
        var errno = SysfsIo.TryReadText(Attr("driver_override"), out var text);
        if (errno != 0 && errno != Errno.ENOENT)
        {
            Problem("driver_override", Errno.Describe(errno));
        }

        return SysfsParse.ParseDriverOverride(text);
    }

    private string? ReadLinkName(string link)
    {
        var errno = SysfsIo.TryReadLinkName(Attr(link), out var name);
        if (errno != 0 && errno != Errno.ENOENT)
        {
            Problem(link, Errno.Describe(errno));
        }

        return name;
    }

    private string? ReadOptionalText(string attribute)
    {
        var errno = SysfsIo.TryReadText(Attr(attribute), out var text);
        if (errno != 0 && errno != Errno.ENOENT)
        {
            Problem(attribute, Errno.Describe(errno));
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    private int? ReadInt(string attribute, int min, string? prefix = null, string? directory = null)
    {
        var errno = SysfsIo.TryReadText(Path.Join(directory ?? _path, attribute), out var text);
        var name = prefix is null ? attribute : prefix + attribute;
        if (errno != 0)
        {
            Problem(name, Errno.Describe(errno));
            return null;
        }

        if (!SysfsParse.TryParseInt(text, out var value) || value < min)
        {
            Problem(name, $"malformed value '{text}'");
            return null;
        }

        return value;
    }

    private List<string> ReadNames(string directory)
    {
        var errno = SysfsIo.TryListNames(Attr(directory), out var names);
        if (errno != 0 && errno != Errno.ENOENT)
        {
            Problem(directory, Errno.Describe(errno));
        }

        return names ?? [];
    }

    private NetdevInfo[] ReadNetdevs()
    {
        var names = ReadNames("net");
        if (names.Count == 0)
        {
            return [];
        }

        var netdevs = new NetdevInfo[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            netdevs[i] = ReadNetdev(names[i]);
        }

        return netdevs;
    }

    private NetdevInfo ReadNetdev(string name)
    {
        var dir = Path.Join(_path, "net", name);
        var prefix = "net/" + name + "/";
        var macErrno = SysfsIo.TryReadText(Path.Join(dir, "address"), out var mac);
        if (macErrno != 0)
        {
            Problem(prefix + "address", Errno.Describe(macErrno));
        }

        var stateErrno = SysfsIo.TryReadText(Path.Join(dir, "operstate"), out var operState);
        if (stateErrno != 0)
        {
            Problem(prefix + "operstate", Errno.Describe(stateErrno));
        }

        // carrier answers EINVAL while the interface is down: that is a state, not a problem.
        var carrierErrno = SysfsIo.TryReadText(Path.Join(dir, "carrier"), out var carrier);
        if (carrierErrno != 0 && carrierErrno != Errno.EINVAL)
        {
            Problem(prefix + "carrier", Errno.Describe(carrierErrno));
        }

        return new NetdevInfo
        {
            Name = name,
            SysPath = dir,
            Mac = mac?.ToLowerInvariant(),
            Mtu = ReadInt("mtu", min: 0, prefix, dir),
            OperState = operState,
            Carrier = SysfsParse.ParseCarrier(carrier),
            LinkType = ReadInt("type", min: 0, prefix, dir),
        };
    }

    private string Attr(string name) => Path.Join(_path, name);

    private void Problem(string attribute, string reason) => (_problems ??= []).Add(new SysfsProblem(attribute, reason));
}
