using System.Globalization;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;

namespace Sriov.Sim.Scenario;

/// <summary>
/// Reads the state a scenario step left, through <c>Sriov.Host</c> only, as flat keys:
/// <c>pf.*</c> (PciDiscovery of the PF and the PF interface's admin state), <c>vfN.*</c> (each VF's address, ids,
/// driver, override, IOMMU group as <c>own</c>/<c>shared</c>, and its interface while it is in the host namespace),
/// <c>adminN.*</c> (IVfControl.GetVfs: the PF's view of each VF) and <c>ns.NAME</c> (the interfaces in each namespace
/// the scenario added, and their MTU, admin state and MAC). Names are normalised by the target (<see cref="ScenarioTarget.Normalize"/>).
/// </summary>
internal static class StateReader
{
    public static SortedDictionary<string, string?> Read(
        ScenarioTarget target, PciDiscovery discovery, RouteNetlink host, string? pfName, IEnumerable<ScenarioNetns> namespaces)
    {
        var state = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var pf = discovery.Discover(target.Pf);
        if (pf is null)
        {
            state["pf"] = "absent";
            return state;
        }

        var vfs = discovery.DiscoverVfs(target.Pf) ?? [];
        state["pf.id"] = $"{pf.VendorId}:{pf.DeviceId}";
        state["pf.class"] = pf.ClassCode;
        state["pf.driver"] = pf.Driver;
        state["pf.totalvfs"] = Number(pf.TotalVfs);
        state["pf.numvfs"] = Number(pf.NumVfs);
        state["pf.iommu"] = pf.IommuGroup is null ? null : "yes";
        state["pf.netdev"] = pf.Netdevs.Count > 0 ? target.Normalize(pf.Netdevs[0].Name) : null;
        state["pf.up"] = pf.Netdevs.Count > 0 ? Bool(host.TryGetLink(pf.Netdevs[0].Name)?.IsUp) : null;
        state["pf.problems"] = Problems(pf.Problems, target);

        var groups = vfs.Select(v => v.IommuGroup).Append(pf.IommuGroup).ToList();
        foreach (var vf in vfs)
        {
            var key = "vf" + Number(vf.VfIndex);
            state[key + ".pci"] = vf.Address.ToString();
            state[key + ".id"] = $"{vf.VendorId}:{vf.DeviceId}";
            state[key + ".physfn"] = vf.PhysFn?.ToString();
            state[key + ".driver"] = vf.Driver;
            state[key + ".override"] = vf.DriverOverride;
            state[key + ".iommu"] = vf.IommuGroup is not { } g ? null : groups.Count(x => x == g) == 1 ? "own" : "shared";
            state[key + ".problems"] = Problems(vf.Problems, target);
            if (vf.Netdevs.Count > 0)
            {
                var netdev = vf.Netdevs[0];
                state[key + ".netdev"] = target.Normalize(netdev.Name);
                state[key + ".mtu"] = Number(netdev.Mtu);
                state[key + ".mac"] = netdev.Mac;
                state[key + ".up"] = Bool(host.TryGetLink(netdev.Name)?.IsUp);
            }
            else
            {
                state[key + ".netdev"] = null;
            }
        }

        if (pfName is not null)
        {
            ReadAdmin(state, target, pfName);
        }

        foreach (var ns in namespaces)
        {
            var links = ns.Client.GetLinks().Where(l => l.Name != "lo").OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
            var key = "ns." + ns.LogicalName;
            state[key] = string.Join(" ", links.Select(l => target.Normalize(l.Name)));
            foreach (var link in links)
            {
                var name = key + "." + target.Normalize(link.Name);
                state[name + ".mtu"] = Number(link.Mtu);
                state[name + ".up"] = Bool(link.IsUp);
                state[name + ".mac"] = link.Mac?.ToString();
            }
        }

        return state;
    }

    /// <summary>What <c>PciDiscovery.DiscoverAll</c> found: the SR-IOV PFs, the VFs, and any function it could not read fully.</summary>
    public static void AddInventory(IDictionary<string, string?> state, PciInventory inventory, ScenarioTarget target)
    {
        state["inventory.pfs"] = string.Join(" ", inventory.PhysicalFunctions.Select(f => $"{f.Address}({f.Driver})"));
        state["inventory.vfs"] = Number(inventory.Count(f => f.IsVirtualFunction));
        var problems = inventory.Where(f => f.Problems.Count > 0 && (f.IsPhysicalFunction || f.IsVirtualFunction)).ToList();
        state["inventory.problems"] = problems.Count == 0 ? null
            : string.Join("; ", problems.Select(f => $"{f.Address}: {Problems(f.Problems, target)}"));
    }

    private static void ReadAdmin(SortedDictionary<string, string?> state, ScenarioTarget target, string pfName)
    {
        IReadOnlyList<VfInfo> admin;
        try
        {
            admin = target.VfControl.GetVfs(pfName);
        }
        catch (NetlinkException e)
        {
            state["admin"] = e.ErrnoName;
            return;
        }

        foreach (var vf in admin)
        {
            var key = "admin" + Number(vf.Vf);
            state[key + ".mac"] = vf.Mac.ToString();
            state[key + ".vlan"] = Number(vf.Vlan);
            state[key + ".qos"] = Number(vf.Qos);
            state[key + ".proto"] = VfOperations.ProtocolName(vf.VlanProtocol);
            state[key + ".min_tx"] = Number(vf.MinTxRateMbps);
            state[key + ".max_tx"] = Number(vf.MaxTxRateMbps);
            state[key + ".spoofchk"] = Bool(vf.SpoofCheck);
            state[key + ".trust"] = Bool(vf.Trust);
            state[key + ".link_state"] = vf.LinkState?.ToString().ToLowerInvariant();
            state[key + ".rss_query"] = Bool(vf.RssQueryEnabled);
            state[key + ".node_guid"] = vf.NodeGuid is { } n ? VfOperations.FormatGuid(n) : null;
            state[key + ".port_guid"] = vf.PortGuid is { } p ? VfOperations.FormatGuid(p) : null;
        }
    }

    private static string? Problems(IReadOnlyList<SysfsProblem> problems, ScenarioTarget target) =>
        problems.Count == 0 ? null : target.Normalize(string.Join("; ", problems));

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? b) => b switch
    {
        null => null,
        true => "true",
        false => "false",
    };
}
