using System.Globalization;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.ConfigDaemon.Records;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;

namespace Sriov.ConfigDaemon.Discovery;

/// <summary>
/// Reads the node through its seams into a <see cref="HostSnapshot"/>: sysfs (one pass over every PCI function),
/// what each PF reports for its VFs over netlink, devlink e-switch modes, allocation records (with a liveness check of
/// each one's netns), the per-PF records and the reconfiguring markers. Changes nothing.
/// </summary>
internal static class NodeDiscovery
{
    /// <summary>Drivers whose presence the planner always wants to know (the user-space ones a group can name).</summary>
    public static readonly IReadOnlyList<string> UserspaceDrivers = [.. PciControl.UserspaceDrivers.Order(StringComparer.Ordinal)];

    /// <param name="host">The node's seams.</param>
    /// <param name="supported">The NIC models to report (a PF of another model is not the daemon's).</param>
    /// <param name="devMode">Upstream's <c>DEV_MODE=TRUE</c>: every SR-IOV capable network PF, supported or not.</param>
    /// <param name="drivers">More drivers to check for (those the spec's VF groups name).</param>
    public static HostSnapshot Discover(NodeHost host, SupportedNicList supported, bool devMode, IEnumerable<string>? drivers = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(supported);
        var pci = new PciDiscovery(host.Root);
        var inventory = pci.DiscoverAll();
        var allocations = AllocationRecords.ReadAll(host.Root).ToDictionary(r => r.PciAddress, StringComparer.Ordinal);
        var pfs = new List<HostPf>();
        foreach (var f in inventory.PhysicalFunctions)
        {
            if (!f.IsVirtualFunction && IsNetworkClass(f) && (devMode || supported.IsSupportedPf(f.VendorId, f.DeviceId)))
            {
                pfs.Add(ReadPf(host, inventory, f, allocations));
            }
        }

        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in UserspaceDrivers.Concat(drivers ?? []).Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal))
        {
            if (pci.IsDriverLoaded(d))
            {
                loaded.Add(d);
            }
        }

        return new HostSnapshot
        {
            Pfs = pfs,
            LoadedDrivers = loaded,
            NoIommuMode = pci.IsNoIommuModeEnabled(),
            Records = PfRecordStore.ReadAll(host.StateDir),
            MarkedPfs = ReconfiguringMarker.List(host.Root).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static bool IsNetworkClass(PciFunction f) => f.ClassCode is { } c && c.StartsWith("02", StringComparison.Ordinal);

    private static HostPf ReadPf(NodeHost host, PciInventory inventory, PciFunction f, Dictionary<string, AllocationRecord> allocations)
    {
        var netdev = f.Netdevs.Count > 0 ? f.Netdevs[0] : null;
        var reported = netdev is not null && (f.NumVfs ?? 0) > 0 ? ReportedVfs(host.Vfs, netdev.Name) : [];
        var vfs = new List<HostVf>();
        foreach (var vf in inventory.VfsOf(f.Address))
        {
            vfs.Add(ReadVf(vf, reported, allocations));
        }

        return new HostPf
        {
            PciAddress = f.Address.ToString(),
            Name = netdev?.Name,
            Mac = netdev?.Mac,
            Driver = f.Driver,
            Vendor = f.VendorId,
            DeviceId = f.DeviceId,
            Mtu = netdev?.Mtu,
            AdminUp = netdev?.ReadAdminUp(),
            LinkType = netdev?.LinkType switch
            {
                Sriov.Host.Sysfs.LinkType.Infiniband => "IB",
                null => null,
                _ => "ETH",
            },
            LinkSpeed = netdev?.ReadSpeedMbps() is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed} Mb/s") : null,
            NumVfs = f.NumVfs ?? 0,
            TotalVfs = f.TotalVfs ?? 0,
            Eswitch = host.Eswitch.Get(f.Address.ToString()),
            HasIommuGroup = f.IommuGroup is not null,
            AltNames = netdev is null ? [] : AltNames(host.Links, netdev.Name),
            Vfs = vfs,
        };
    }

    private static HostVf ReadVf(PciFunction vf, Dictionary<int, VfInfo> reported, Dictionary<string, AllocationRecord> allocations)
    {
        var netdev = vf.Netdevs.Count > 0 ? vf.Netdevs[0] : null;
        var index = vf.VfIndex ?? -1;
        var info = reported.GetValueOrDefault(index);
        var address = vf.Address.ToString();
        string? owner = null;
        var stale = false;
        if (allocations.TryGetValue(address, out var record))
        {
            if (AllocationRecords.IsLive(record))
            {
                owner = record.Owner;
            }
            else
            {
                stale = true;
            }
        }

        return new HostVf
        {
            Index = index,
            PciAddress = address,
            Vendor = vf.VendorId,
            DeviceId = vf.DeviceId,
            Driver = vf.Driver,
            DriverOverride = vf.DriverOverride,
            IommuGroup = vf.IommuGroup,
            Netdev = netdev?.Name,
            Mac = netdev?.Mac,
            Mtu = netdev?.Mtu,
            NetdevType = netdev?.LinkType,
            PfReportsVf = info is not null,
            AdminMac = info?.Mac.ToString(),
            Vlan = info?.Vlan,
            NodeGuid = info?.NodeGuid,
            AllocatedTo = owner,
            HasStaleRecord = stale,
        };
    }

    // A PF driver without ndo_get_vf_config reports no VFs (rtnl_fill_vf), and then has no PF-side VF control either.
    private static Dictionary<int, VfInfo> ReportedVfs(IVfControl control, string pf)
    {
        try
        {
            return control.GetVfs(pf).ToDictionary(v => v.Vf);
        }
        catch (NetlinkException)
        {
            return [];
        }
    }

    private static IReadOnlyList<string> AltNames(ILinkControl links, string name)
    {
        try
        {
            return links.AltNames(name);
        }
        catch (NetlinkException)
        {
            return [];
        }
    }
}
