using System.Globalization;
using Sriov.Cni.Skel;
using Sriov.Host;
using Sriov.Host.Sysfs;

namespace Sriov.Cni.Plugin;

/// <summary>
/// Resolves <c>deviceID</c> through sysfs (spec cni.md §2.1): the PF from the VF's <c>physfn</c> link, the PF's netdev
/// (first entry of its <c>net/</c>, as upstream), the VF index from the PF's <c>virtfnN</c> links, the VF's netdev
/// (first entry of its <c>net/</c>; only netdevs in the host netns appear) and driver.
/// </summary>
internal static class VfResolver
{
    /// <summary>The drivers that take a VF away from the kernel's network stack (upstream's DPDK list).</summary>
    public static bool IsUserspaceDriver(string? driver) => driver is "vfio-pci" or "uio_pci_generic" or "igb_uio";

    public static VfIdentity Resolve(HostRoot root, string deviceId)
    {
        var discovery = new PciDiscovery(root);
        var address = PciAddress.Parse(deviceId);
        var vf = discovery.Discover(address) ?? throw new CniException(
            CniErrorCode.VfNotFound,
            $"deviceID {deviceId}: no such PCI device on this host ({root.Resolve("sys/bus/pci/devices")}); check the device plugin's allocation");
        if (vf.PhysFn is not { } pfAddress || vf.VfIndex is not { } index)
        {
            throw new CniException(
                CniErrorCode.VfNotFound,
                $"deviceID {deviceId} is not a VF: it has no physfn link or its PF does not list it as a virtfn");
        }

        var pf = discovery.Discover(pfAddress) ?? throw new CniException(
            CniErrorCode.VfNotFound, $"PF {pfAddress} of VF {deviceId} is not on this host");
        var pfNetdev = pf.Netdevs.Count > 0 ? pf.Netdevs[0] : throw new CniException(
            CniErrorCode.VfNotFound,
            $"PF {pfAddress} of VF {deviceId} has no network interface (is its driver {pf.Driver ?? "(none)"} loaded?)");
        return new VfIdentity
        {
            DeviceId = deviceId,
            PfPci = pfAddress.ToString(),
            PfName = pfNetdev.Name,
            VfIndex = index,
            Netdev = vf.Netdevs.Count > 0 ? vf.Netdevs[0].Name : null,
            Driver = vf.Driver,
            PfMtu = pfNetdev.Mtu ?? 0,
        };
    }

    /// <summary>The VF's netdev on the host now (reads <c>net/</c> only); null when none, or when the VF is gone.</summary>
    public static string? HostNetdev(HostRoot root, string deviceId)
    {
        var dir = root.Resolve(string.Create(CultureInfo.InvariantCulture, $"sys/bus/pci/devices/{deviceId}/net"));
        try
        {
            var first = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
            return first;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether the VF's PCI device still exists.</summary>
    public static bool Exists(HostRoot root, string deviceId) =>
        Path.Exists(root.Resolve($"sys/bus/pci/devices/{deviceId}"));
}
