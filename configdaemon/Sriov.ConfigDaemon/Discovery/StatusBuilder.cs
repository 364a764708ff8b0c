using System.Globalization;
using Sriov.Api.NodeStates;
using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.Discovery;

/// <summary>
/// Turns a snapshot into the node state's <c>status.interfaces</c> (operator.md §1.2), one entry per supported PF in
/// PCI address order, with upstream's field names and value formats: <c>linkSpeed</c> <c>"N Mb/s"</c>, <c>linkType</c>
/// <c>ETH</c>/<c>IB</c>, <c>linkAdminState</c> <c>up</c>/<c>down</c>, <c>eSwitchMode</c> <c>legacy</c>/<c>switchdev</c>
/// (a PF without devlink is legacy), <c>externallyManaged</c> from the PF's record, the VF GUID as
/// <c>xxxx:xxxx:xxxx:xxxx</c>.
/// </summary>
internal static class StatusBuilder
{
    public static List<InterfaceExt> Interfaces(HostSnapshot host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return [.. host.Pfs.OrderBy(p => p.PciAddress, StringComparer.Ordinal).Select(pf => Interface(pf, host))];
    }

    private static InterfaceExt Interface(HostPf pf, HostSnapshot host) => new()
    {
        Name = pf.Name,
        Mac = pf.Mac,
        Driver = pf.Driver,
        PciAddress = pf.PciAddress,
        Vendor = pf.Vendor,
        DeviceId = pf.DeviceId,
        Mtu = pf.Mtu,
        NumVfs = pf.NumVfs,
        LinkSpeed = pf.LinkSpeed,
        LinkType = pf.LinkType,
        LinkAdminState = pf.AdminUp switch
        {
            true => "up",
            false => "down",
            null => null,
        },
        ESwitchMode = pf.Eswitch == EswitchMode.Switchdev ? "switchdev" : "legacy",
        ExternallyManaged = host.Records.TryGetValue(pf.PciAddress, out var record) && record.ExternallyManaged ? true : null,
        TotalVfs = pf.TotalVfs,
        Vfs = pf.Vfs.Count == 0 ? null : [.. pf.Vfs.Select(vf => Vf(vf, pf))],
        AltNames = pf.AltNames.Count == 0 ? null : [.. pf.AltNames],
    };

    private static VirtualFunction Vf(HostVf vf, HostPf pf) => new()
    {
        Name = vf.Netdev,
        Mac = vf.Mac,
        Driver = vf.Driver,
        PciAddress = vf.PciAddress,
        Vendor = vf.Vendor,
        DeviceId = vf.DeviceId,
        Vlan = vf.Vlan,
        Mtu = vf.Mtu,
        VfId = vf.Index,
        NodeGuid = pf.LinkType == "IB" || vf.NetdevType == Sriov.Host.Sysfs.LinkType.Infiniband ? Guid(vf.NodeGuid ?? 0) : null,
    };

    /// <summary><c>0000:0000:0000:0000</c>: the format of sysfs <c>infiniband/*/node_guid</c>, which upstream reports.</summary>
    public static string Guid(ulong guid)
    {
        var hex = guid.ToString("x16", CultureInfo.InvariantCulture);
        return $"{hex[..4]}:{hex[4..8]}:{hex[8..12]}:{hex[12..]}";
    }
}
