using Sriov.Host.Netlink;
namespace Sriov.Host.Sysfs;

/// <summary>
/// Reads PCI functions from <c>&lt;root&gt;/sys/bus/pci/devices</c>. Stateless: every call reads sysfs afresh, so callers
/// rediscover by calling again. Never throws for what it finds on the host: unreadable or malformed attributes are
/// reported in <see cref="PciFunction.Problems"/>.
/// </summary>
public sealed class PciDiscovery
{
    private readonly string _devices;
    private readonly string _drivers;
    private readonly string _noIommuMode;

    public PciDiscovery(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _devices = root.Resolve("sys/bus/pci/devices");
        _drivers = root.Resolve("sys/bus/pci/drivers");
        _noIommuMode = root.Resolve("sys/module/vfio/parameters/enable_unsafe_noiommu_mode");
    }

    /// <summary>Every function on the host. VF indexes come from the PFs' <c>virtfnN</c> links (one pass, no per-VF search).</summary>
    public PciInventory DiscoverAll()
    {
        var errno = SysfsIo.TryListNames(_devices, out var names);
        if (errno != 0)
        {
            throw new SysfsRequestException(
                $"cannot list PCI devices in {_devices}: {Errno.Describe(errno)}; is sysfs mounted (or the host root right)?");
        }

        var addresses = new List<PciAddress>(names!.Count);
        foreach (var name in names)
        {
            if (PciAddress.TryParse(name, out var address))
            {
                addresses.Add(address);
            }
        }

        // A VF's routing ID is its PF's plus sriov_offset (>= 1), so in address order every PF comes before its VFs and
        // its virtfn links already tell each VF's index.
        addresses.Sort();
        var vfIndex = new Dictionary<PciAddress, int>();
        var functions = new List<PciFunction>(addresses.Count);
        foreach (var address in addresses)
        {
            var function = PciFunctionReader.Read(_devices, address, a => vfIndex.TryGetValue(a, out var i) ? i : null);
            foreach (var slot in function.Vfs)
            {
                vfIndex[slot.Address] = slot.Index;
            }

            functions.Add(function);
        }

        return new PciInventory(functions);
    }

    /// <summary>One function, or null when <paramref name="address"/> is not on the host.</summary>
    public PciFunction? Discover(PciAddress address) =>
        Exists(address) ? PciFunctionReader.Read(_devices, address) : null;

    /// <summary>The VFs of <paramref name="pf"/> in index order; empty when it has none, null when the PF is not on the host.</summary>
    public IReadOnlyList<PciFunction>? DiscoverVfs(PciAddress pf)
    {
        if (Discover(pf) is not { } parent)
        {
            return null;
        }

        var vfs = new List<PciFunction>(parent.Vfs.Count);
        foreach (var slot in parent.Vfs)
        {
            if (Exists(slot.Address))
            {
                vfs.Add(PciFunctionReader.Read(_devices, slot.Address, _ => slot.Index));
            }
        }

        return vfs;
    }

    /// <summary>Whether <paramref name="driver"/> is loaded: <c>bus/pci/drivers/&lt;driver&gt;</c> exists.</summary>
    public bool IsDriverLoaded(string driver)
    {
        ArgumentException.ThrowIfNullOrEmpty(driver);
        return driver.AsSpan().IndexOfAny("/\0") < 0 && Directory.Exists(Path.Join(_drivers, driver));
    }

    /// <summary>
    /// Whether vfio runs in its unsafe no-IOMMU mode (<c>sys/module/vfio/parameters/enable_unsafe_noiommu_mode</c> is
    /// <c>Y</c>), in which vfio-pci binds functions that have no IOMMU group.
    /// </summary>
    public bool IsNoIommuModeEnabled() =>
        SysfsIo.TryReadText(_noIommuMode, out var v) == 0 && v is "Y" or "1";

    private bool Exists(PciAddress address) =>
        SysfsIo.TryReadLink(Path.Join(_devices, address.ToString()), out _) is 0 or Errno.EINVAL;
}
