using Sriov.Api.Node.DevicePlugin;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// The pure step from a <see cref="NodeSnapshot"/> to the devices each device type may advertise (spec/device-plugin.md
/// §2): netDevice takes class-02 functions except PFs with VFs configured, unbound functions and functions whose netdev
/// carries a default route; accelerator takes bound class-12 functions; auxNetDevice takes the auxiliary devices of
/// class-02 parents that have a netdev.
/// </summary>
internal static class CandidateBuilder
{
    private const string NetworkClass = "02";
    private const string AcceleratorClass = "12";

    public static (IReadOnlyList<DeviceCandidate> Candidates, IReadOnlyList<Exclusion> Excluded) Build(NodeSnapshot snapshot, string deviceType)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var candidates = new List<DeviceCandidate>();
        var excluded = new List<Exclusion>();
        if (deviceType == DeviceTypes.AuxNetDevice)
        {
            Aux(snapshot, candidates, excluded);
            return (candidates, excluded);
        }

        var wanted = deviceType == DeviceTypes.Accelerator ? AcceleratorClass : NetworkClass;
        foreach (var f in snapshot.Inventory)
        {
            if (f.ClassCode is not { Length: 6 } cls || !cls.StartsWith(wanted, StringComparison.Ordinal))
            {
                continue;
            }

            var id = f.Address.ToString();
            if (Reason(snapshot, f, deviceType) is { } reason)
            {
                excluded.Add(new Exclusion(id, reason));
                continue;
            }

            candidates.Add(Pci(snapshot, f));
        }

        return (candidates, excluded);
    }

    /// <summary>Why a function of the type's class is not a candidate; null when it is one.</summary>
    internal static string? Reason(NodeSnapshot snapshot, PciFunction f, string deviceType)
    {
        if (f.Problems.Any(p => p.Attribute == "."))
        {
            return "its sysfs entry is gone";
        }

        if (f.Driver is null)
        {
            return "not bound to any driver";
        }

        if (deviceType != DeviceTypes.NetDevice)
        {
            return null;
        }

        // Upstream: an SR-IOV capable PF with sriov_numvfs > 0 is not advertised itself; its VFs are.
        if (f.TotalVfs is not null && f.NumVfs > 0)
        {
            return $"a PF with {f.NumVfs} VFs configured (its VFs are advertised instead)";
        }

        foreach (var netdev in f.Netdevs)
        {
            if (snapshot.DefaultRouteNetdevs.Contains(netdev.Name))
            {
                return $"its netdev {netdev.Name} carries the default route";
            }
        }

        return null;
    }

    private static DeviceCandidate Pci(NodeSnapshot snapshot, PciFunction f)
    {
        var pf = f.PhysFn is { } pfAddress ? snapshot.Inventory.Find(pfAddress) : null;
        var pfName = pf is null ? null : PfNetdev(snapshot, pf);
        var own = f.Netdevs.Count > 0 ? f.Netdevs[0] : null;
        var ownType = Sriov.Host.Sysfs.LinkType.Name(own?.LinkType);
        var pfType = pf is null ? null : Sriov.Host.Sysfs.LinkType.Name(pf.Netdevs.FirstOrDefault(n => n.Name == pfName)?.LinkType);
        return new DeviceCandidate
        {
            Id = f.Address.ToString(),
            Pci = f.Address,
            Vendor = f.VendorId,
            Device = f.DeviceId,
            Driver = f.Driver!,
            NumaNode = f.NumaNode,
            AcpiIndex = f.AcpiIndex,
            PfAddress = f.PhysFn,
            PfName = pfName,
            FunctionIndex = f.VfIndex,
            Netdev = own?.Name,
            LinkType = ownType,
            SelectionLinkType = ownType ?? pfType,
            RdmaDevices = f.RdmaDevices.Count > 0 ? f.RdmaDevices : snapshot.MovedRdma.GetValueOrDefault(f.Address.ToString()) ?? [],
            IommuGroup = f.IommuGroup,
            Extras = snapshot.ExtrasOf(f.Address),
        };
    }

    /// <summary>The PF's netdev: the uplink when the PF has several (switchdev representors), else its first.</summary>
    internal static string? PfNetdev(NodeSnapshot snapshot, PciFunction pf) =>
        snapshot.ExtrasOf(pf.Address).Uplink ?? (pf.Netdevs.Count > 0 ? pf.Netdevs[0].Name : null);

    private static void Aux(NodeSnapshot snapshot, List<DeviceCandidate> candidates, List<Exclusion> excluded)
    {
        foreach (var aux in snapshot.AuxDevices)
        {
            var parent = snapshot.Inventory.Find(aux.Parent);
            if (parent?.ClassCode is not { } cls || !cls.StartsWith(NetworkClass, StringComparison.Ordinal))
            {
                continue;
            }

            if (parent.Driver is null)
            {
                excluded.Add(new Exclusion(aux.Name, $"its parent {aux.Parent} is not bound to any driver"));
                continue;
            }

            if (aux.SfNumber is null)
            {
                excluded.Add(new Exclusion(aux.Name, "its sfnum cannot be read"));
                continue;
            }

            var type = Sriov.Host.Sysfs.LinkType.Name(aux.NetdevType);
            candidates.Add(new DeviceCandidate
            {
                Id = aux.Name,
                Pci = parent.Address,
                Vendor = parent.VendorId,
                Device = parent.DeviceId,
                Driver = parent.Driver,
                NumaNode = parent.NumaNode,
                PfAddress = parent.Address,
                PfName = PfNetdev(snapshot, parent),
                FunctionIndex = aux.SfNumber,
                Netdev = aux.Netdev,
                LinkType = type,
                SelectionLinkType = type,
                RdmaDevices = aux.RdmaDevices.Count > 0 ? aux.RdmaDevices : snapshot.MovedRdma.GetValueOrDefault(aux.Name) ?? [],
                AuxType = aux.Type,
            });
        }
    }
}
