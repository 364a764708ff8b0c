using System.Globalization;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Planning;
using Sriov.ConfigDaemon.Records;
using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.Tests.Planning;

/// <summary>Hand-built snapshots and specs for the planner's tables.</summary>
internal static class Snap
{
    public const string Pf0 = "0000:3b:00.0";
    public const string Pf1 = "0000:3b:00.1";
    public const string Zero = "00:00:00:00:00:00";

    /// <summary>A PF whose <paramref name="vfs"/> VFs are on <paramref name="vfDriver"/> with pinned admin MACs (the converged state).</summary>
    public static HostPf Pf(
        string pci = Pf0, int vfs = 0, string? vfDriver = "iavf", int mtu = 1500, int vfMtu = 1500, int total = 64, bool up = true,
        string linkType = "ETH", bool iommu = true, EswitchMode eswitch = EswitchMode.NotSupported, string? driver = "ice",
        Func<HostVf, HostVf>? vf = null)
    {
        var name = pci == Pf0 ? "ens1f0" : "ens1f1";
        var list = new List<HostVf>();
        for (var i = 0; i < vfs; i++)
        {
            var mac = string.Create(CultureInfo.InvariantCulture, $"02:00:00:00:{(pci == Pf0 ? 0 : 1):x2}:{i:x2}");
            var kernel = vfDriver is not null && vfDriver != "vfio-pci";
            var v = new HostVf
            {
                Index = i,
                PciAddress = VfAddress(pci, i),
                Vendor = "8086",
                DeviceId = "1889",
                Driver = vfDriver,
                IommuGroup = iommu ? 100 + i : null,
                Netdev = kernel ? $"{name}v{i}" : null,
                Mac = kernel ? mac : null,
                Mtu = kernel ? vfMtu : null,
                NetdevType = kernel ? (linkType == "IB" ? 32 : 1) : null,
                PfReportsVf = true,
                AdminMac = mac,
                Vlan = 0,
                NodeGuid = linkType == "IB" ? 0x1122334455667700UL + (ulong)i : null,
            };
            list.Add(vf?.Invoke(v) ?? v);
        }

        return new HostPf
        {
            PciAddress = pci,
            Name = name,
            Driver = driver,
            Vendor = "8086",
            DeviceId = "1592",
            Mtu = mtu,
            AdminUp = up,
            LinkType = linkType,
            NumVfs = vfs,
            TotalVfs = total,
            Eswitch = eswitch,
            HasIommuGroup = iommu,
            Vfs = list,
        };
    }

    public static string VfAddress(string pf, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"0000:3b:{(pf == Pf0 ? 1 : 9) + i / 8:x2}.{i % 8}");

    public static HostSnapshot Node(
        IEnumerable<HostPf> pfs, IEnumerable<InterfaceSpec>? records = null, IEnumerable<string>? drivers = null,
        IEnumerable<string>? marked = null, bool noIommu = false, IReadOnlyDictionary<string, int>? originalMtus = null) => new()
    {
        Pfs = [.. pfs],
        LoadedDrivers = (drivers ?? ["vfio-pci"]).ToHashSet(StringComparer.Ordinal),
        NoIommuMode = noIommu,
        Records = (records ?? []).ToDictionary(
            r => r.PciAddress,
            r => new PfRecord(r, originalMtus?.GetValueOrDefault(r.PciAddress) is { } m and > 0 ? m : null),
            StringComparer.Ordinal),
        MarkedPfs = (marked ?? []).ToHashSet(StringComparer.Ordinal),
    };

    public static InterfaceSpec Iface(string pci = Pf0, int numVfs = 4, int? mtu = null, params VfGroup[] groups) => new()
    {
        PciAddress = pci,
        Name = pci == Pf0 ? "ens1f0" : "ens1f1",
        NumVfs = numVfs,
        Mtu = mtu,
        VfGroups = groups.Length > 0 ? [.. groups] : [Group($"0-{numVfs - 1}")],
    };

    public static VfGroup Group(string range, string deviceType = "netdevice", int? mtu = null, string resource = "net") => new()
    {
        ResourceName = resource,
        DeviceType = deviceType,
        VfRange = range,
        PolicyName = "policy-" + resource,
        Mtu = mtu,
    };

    public static SriovNetworkNodeStateSpec Spec(params InterfaceSpec[] interfaces) => new() { Interfaces = [.. interfaces] };

    /// <summary>A step in short form: <c>bindDriver#0 iavf→vfio-pci</c>, <c>setNumVfs 0→4!</c> (! = disruptive).</summary>
    public static string Short(PlanAction a)
    {
        var vf = a.Vf is { } i ? "#" + i.ToString(CultureInfo.InvariantCulture) : "";
        var pf = a.Pf == Pf0 ? "" : "@" + a.Pf[^1..];
        var change = a.From is null && a.To is null ? "" : $" {a.From ?? "?"}→{a.To ?? "?"}";
        return PlanJson.Name(a.Kind) + pf + vf + change + (a.Disruptive ? "!" : "");
    }

    public static string Steps(NodePlan plan) => string.Join(", ", plan.Actions.Select(Short));
}
