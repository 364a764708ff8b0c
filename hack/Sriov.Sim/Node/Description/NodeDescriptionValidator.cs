using System.Globalization;
using System.Text.RegularExpressions;
using Sriov.Host.Sysfs;

namespace Sriov.Sim.Node.Description;

/// <summary>Checks a <see cref="NodeDescription"/>; every error names the field (<c>ports[1].totalVfs</c>) and the value.</summary>
public static partial class NodeDescriptionValidator
{
    /// <summary>Interface names are at most 15 bytes (IFNAMSIZ 16 with the terminator).</summary>
    public const int MaxInterfaceName = 15;

    /// <summary>Throws <see cref="NodeDescriptionException"/> listing every problem.</summary>
    /// <param name="description">The description.</param>
    /// <param name="namePrefixLength">Characters the simulator adds in front of interface names (the per-node token in veth mode).</param>
    public static void Validate(NodeDescription description, int namePrefixLength = 0)
    {
        ArgumentNullException.ThrowIfNull(description);
        var errors = Check(description, namePrefixLength);
        if (errors.Count > 0)
        {
            throw new NodeDescriptionException("invalid node description:\n  " + string.Join("\n  ", errors));
        }
    }

    /// <summary>Every problem, one line each; empty when the description is usable.</summary>
    public static List<string> Check(NodeDescription description, int namePrefixLength = 0)
    {
        ArgumentNullException.ThrowIfNull(description);
        var errors = new List<string>();
        if (description.Iommu is not ("on" or "off" or "noiommu"))
        {
            errors.Add($"iommu: '{description.Iommu}' is not one of on, off, noiommu");
        }

        foreach (var (driver, i) in (description.Drivers ?? []).Select((d, i) => (d, i)))
        {
            if (!DriverName().IsMatch(driver ?? ""))
            {
                errors.Add($"drivers[{i}]: '{driver}' is not a driver name");
            }
        }

        if (description.Ports is not { Count: > 0 })
        {
            errors.Add("ports: at least one port is required");
            return errors;
        }

        var used = new Dictionary<PciAddress, string>();
        var netdevs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < description.Ports.Count; i++)
        {
            CheckPort(description.Ports[i], $"ports[{i}]", namePrefixLength, used, netdevs, errors);
        }

        for (var i = 0; i < description.Ports.Count; i++)
        {
            if (PciAddress.TryParse(description.Ports[i]?.Bridge, out var bridge) && used.TryGetValue(bridge, out var owner))
            {
                errors.Add($"ports[{i}].bridge: {bridge} is already used by {owner}");
            }
        }

        return errors;
    }

    private static void CheckPort(
        PortDescription? port, string at, int prefix, Dictionary<PciAddress, string> used, Dictionary<string, string> netdevs, List<string> errors)
    {
        if (port is null)
        {
            errors.Add($"{at}: empty port");
            return;
        }

        var pfOk = PciAddress.TryParse(port.PciAddress, out var pf);
        if (!pfOk)
        {
            errors.Add($"{at}.pciAddress: '{port.PciAddress}' is not a PCI address (expected DDDD:BB:DD.F, lower-case hex)");
        }
        else if (!used.TryAdd(pf, $"{at}.pciAddress"))
        {
            errors.Add($"{at}.pciAddress: {pf} is already used by {used[pf]}");
        }

        if (port.Bridge is not null && !PciAddress.TryParse(port.Bridge, out _))
        {
            errors.Add($"{at}.bridge: '{port.Bridge}' is not a PCI address");
        }
        else if (pfOk && port.Bridge is null && pf.Bus == 0)
        {
            errors.Add($"{at}.bridge: a PF on bus 00 needs an explicit bridge");
        }

        Hex(port.Vendor, 4, $"{at}.vendor", errors);
        Hex(port.Device, 4, $"{at}.device", errors);
        Hex(port.SubsystemVendor, 4, $"{at}.subsystemVendor", errors, optional: true);
        Hex(port.SubsystemDevice, 4, $"{at}.subsystemDevice", errors, optional: true);
        Hex(port.Class, 6, $"{at}.class", errors);
        Hex(port.VfVendor, 4, $"{at}.vfVendor", errors, optional: true);
        Hex(port.VfDevice, 4, $"{at}.vfDevice", errors);
        if (!DriverName().IsMatch(port.Driver ?? ""))
        {
            errors.Add($"{at}.driver: '{port.Driver}' is not a driver name");
        }

        if (!string.IsNullOrEmpty(port.VfDriver) && !DriverName().IsMatch(port.VfDriver))
        {
            errors.Add($"{at}.vfDriver: '{port.VfDriver}' is not a driver name");
        }

        if (port.TotalVfs is < 0 or > 65535)
        {
            errors.Add($"{at}.totalVfs: {port.TotalVfs} is outside 0-65535");
        }

        if (port.DeviceTotalVfs is { } deviceTotal && (deviceTotal < port.TotalVfs || deviceTotal > 65535))
        {
            errors.Add($"{at}.deviceTotalVfs: {deviceTotal} is outside totalVfs ({port.TotalVfs})-65535");
        }

        if (port.NumVfs < 0 || port.NumVfs > port.TotalVfs)
        {
            errors.Add($"{at}.numVfs: {port.NumVfs} is outside 0-totalVfs ({port.TotalVfs})");
        }

        if (port.VfOffset < 1)
        {
            errors.Add($"{at}.vfOffset: {port.VfOffset} must be at least 1");
        }

        if (port.VfStride < 1)
        {
            errors.Add($"{at}.vfStride: {port.VfStride} must be at least 1");
        }

        if (port.NumaNode < -1)
        {
            errors.Add($"{at}.numaNode: {port.NumaNode} must be -1 (none) or a node number");
        }

        if (pfOk && port.VfOffset >= 1 && port.VfStride >= 1 && port.TotalVfs is > 0 and <= 65535)
        {
            CheckVfAddresses(pf, port, at, used, errors);
        }

        var ib = port.LinkType == "infiniband";
        if (port.LinkType is not ("ether" or "infiniband"))
        {
            errors.Add($"{at}.linkType: '{port.LinkType}' is not ether or infiniband");
        }

        if (port.Mtu is { } mtu && (mtu < 68 || mtu > 65535))
        {
            errors.Add($"{at}.mtu: {mtu} is outside 68-65535");
        }

        if (port.Mac is { } mac && !MacAddress(mac, ib ? 20 : 6))
        {
            errors.Add($"{at}.mac: '{mac}' is not a {(ib ? "20" : "6")}-byte colon-separated address");
        }

        if (port.Speed is <= 0)
        {
            errors.Add($"{at}.speed: {port.Speed} must be positive (Mb/s)");
        }

        if (port.Rdma is { } rdma && !RdmaPrefix().IsMatch(rdma))
        {
            errors.Add($"{at}.rdma: '{rdma}' is not an RDMA device prefix (letters, digits, _)");
        }

        CheckNames(port, at, prefix, netdevs, errors);
    }

    private static void CheckVfAddresses(PciAddress pf, PortDescription port, string at, Dictionary<PciAddress, string> used, List<string> errors)
    {
        for (var i = 0; i < port.TotalVfs; i++)
        {
            if (pf.RoutingId + port.VfOffset + (port.VfStride * i) > 0xffff)
            {
                errors.Add($"{at}.totalVfs: VF {i} of {pf} (offset {port.VfOffset}, stride {port.VfStride}) is beyond bus ff");
                return;
            }

            var vf = pf.VirtualFunction(port.VfOffset, port.VfStride, i);
            if (!used.TryAdd(vf, $"VF {i} of {at}"))
            {
                errors.Add($"{at}: VF {i} would be at {vf}, already used by {used[vf]}; change vfOffset/vfStride");
                return;
            }
        }
    }

    private static void CheckNames(PortDescription port, string at, int prefix, Dictionary<string, string> netdevs, List<string> errors)
    {
        if (port.Netdev is not { } pfName)
        {
            return;
        }

        if (!InterfaceName().IsMatch(pfName) || pfName.Length + prefix > MaxInterfaceName)
        {
            errors.Add($"{at}.netdev: '{pfName}' is not an interface name of at most {MaxInterfaceName - prefix} characters");
        }
        else if (!netdevs.TryAdd(pfName, at))
        {
            errors.Add($"{at}.netdev: '{pfName}' is already used by {netdevs[pfName]}");
        }

        var pattern = port.VfNetdev ?? "";
        if (!pattern.Contains("{vf}", StringComparison.Ordinal) && !pattern.EndsWith("{n}", StringComparison.Ordinal))
        {
            errors.Add($"{at}.vfNetdev: '{pattern}' must contain {{vf}} or end with {{n}} so VF names differ");
            return;
        }

        // The longest name is the one for the highest index.
        var longest = VfNetdevName(pattern, pfName, Math.Max(port.TotalVfs - 1, 0), Math.Max(port.TotalVfs, 1));
        if (!InterfaceName().IsMatch(longest) || longest.Length + prefix > MaxInterfaceName)
        {
            errors.Add($"{at}.vfNetdev: '{pattern}' gives '{longest}', not an interface name of at most {MaxInterfaceName - prefix} characters");
        }
    }

    /// <summary>Expands a <see cref="PortDescription.VfNetdev"/> pattern.</summary>
    public static string VfNetdevName(string pattern, string pfNetdev, int vfIndex, int n) =>
        pattern.Replace("{pf}", pfNetdev, StringComparison.Ordinal)
            .Replace("{vf}", vfIndex.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static void Hex(string? value, int digits, string at, List<string> errors, bool optional = false)
    {
        if (value is null && optional)
        {
            return;
        }

        if (value is null || value.Length != digits || !value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            errors.Add($"{at}: '{value}' is not {digits} lower-case hex digits without 0x");
        }
    }

    private static bool MacAddress(string mac, int bytes)
    {
        var parts = mac.Split(':');
        return parts.Length == bytes && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex DriverName();

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex RdmaPrefix();

    // What the kernel's dev_valid_name accepts, minus the characters that make shell scripts unhappy.
    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex InterfaceName();
}
