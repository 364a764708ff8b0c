using System.Globalization;
using Sriov.Api.Node.DevicePlugin;
using Sriov.DevicePlugin.Selection;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Config;

/// <summary>Validates one selector object of a resource of a given device type (see <see cref="ConfigValidator"/>).</summary>
internal static class SelectorValidator
{
    public static SelectorSpec Validate(ResourceSelector s, string type, string at, List<string> errors, List<string> warnings)
    {
        var net = type == DeviceTypes.NetDevice;
        var aux = type == DeviceTypes.AuxNetDevice;
        var accel = type == DeviceTypes.Accelerator;

        // spec/device-plugin.md §1.3: accelerators take vendors, devices, drivers and pciAddresses.
        IgnoreUnless(net || accel, s.PciAddresses, "pciAddresses", type, at, warnings);
        IgnoreUnless(net, s.AcpiIndexes, "acpiIndexes", type, at, warnings);
        IgnoreUnless(net || aux, s.PfNames, "pfNames", type, at, warnings);
        IgnoreUnless(net || aux, s.RootDevices, "rootDevices", type, at, warnings);
        IgnoreUnless(net || aux, s.LinkTypes, "linkTypes", type, at, warnings);
        IgnoreUnless(net, s.DdpProfiles, "ddpProfiles", type, at, warnings);
        IgnoreUnless(net, s.PKeys, "pKeys", type, at, warnings);
        IgnoreUnless(aux, s.AuxTypes, "auxTypes", type, at, warnings);
        if (!(net || aux) && (s.IsRdma || s.NeedVhostNet))
        {
            warnings.Add($"{at}: isRdma and needVhostNet do not apply to {type} resources; ignored");
        }

        if (!net && !string.IsNullOrEmpty(s.VdpaType))
        {
            warnings.Add($"{at}: vdpaType does not apply to {type} resources; ignored");
        }

        var spec = new SelectorSpec
        {
            Vendors = HexIds(s.Vendors, "vendors", at, errors),
            Devices = HexIds(s.Devices, "devices", at, errors),
            Drivers = Set(s.Drivers, StringComparer.Ordinal),
            PciAddresses = net || accel ? Addresses(s.PciAddresses, "pciAddresses", at, errors) : Empty,
            AcpiIndexes = net ? Set(s.AcpiIndexes, StringComparer.Ordinal) : Empty,
            PfNames = net || aux ? Filters(s.PfNames, "pfNames", at, errors, requireAddress: false) : [],
            RootDevices = net || aux ? Filters(s.RootDevices, "rootDevices", at, errors, requireAddress: true) : [],
            LinkTypes = net || aux ? Set(s.LinkTypes, StringComparer.OrdinalIgnoreCase) : Empty,
            DdpProfiles = net ? Set(s.DdpProfiles, StringComparer.Ordinal) : Empty,
            PKeys = net ? PKeys(s.PKeys, at, errors) : new HashSet<int>(),
            AuxTypes = aux ? Set(s.AuxTypes, StringComparer.Ordinal) : Empty,
            IsRdma = (net || aux) && s.IsRdma,
            NeedVhostNet = (net || aux) && s.NeedVhostNet,
            VdpaType = net && !string.IsNullOrEmpty(s.VdpaType) ? s.VdpaType : null,
        };

        if (spec.VdpaType is not (null or "vhost" or "virtio"))
        {
            errors.Add($"{at}: vdpaType \"{spec.VdpaType}\" is not supported; use \"vhost\" or \"virtio\"");
        }

        if (spec.IsRdma && spec.VdpaType is not null)
        {
            errors.Add($"{at}: isRdma and vdpaType cannot be used in the same selector object");
        }

        if (aux && (spec.AuxTypes.Count == 0 || spec.AuxTypes.Any(t => t != "sf")))
        {
            errors.Add($"{at}: auxTypes must be [\"sf\"] for auxNetDevice resources (got {Show(s.AuxTypes)})");
        }

        return spec;
    }

    private static IReadOnlySet<string> Empty { get; } = new HashSet<string>();

    private static void IgnoreUnless<T>(bool applies, IReadOnlyCollection<T>? values, string field, string type, string at, List<string> warnings)
    {
        if (!applies && values is { Count: > 0 })
        {
            warnings.Add($"{at}: {field} does not apply to {type} resources; ignored");
        }
    }

    private static HashSet<string> Set(IEnumerable<string>? values, StringComparer comparer) => new(values ?? [], comparer);

    private static HashSet<string> HexIds(List<string>? values, string field, string at, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < (values?.Count ?? 0); k++)
        {
            var v = values![k];
            if (v is not { Length: 4 } || !v.All(char.IsAsciiHexDigit))
            {
                errors.Add($"{at}.{field}[{k}] \"{v}\": expected 4 hex digits without 0x, e.g. \"8086\"");
                continue;
            }

            set.Add(v.ToLowerInvariant());
        }

        return set;
    }

    private static HashSet<string> Addresses(List<string>? values, string field, string at, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < (values?.Count ?? 0); k++)
        {
            var v = values![k];
            if (!PciAddress.TryParse(v?.ToLowerInvariant(), out var address))
            {
                errors.Add($"{at}.{field}[{k}] \"{v}\": expected a full PCI address DDDD:BB:DD.F, e.g. \"0000:3b:02.0\"");
                continue;
            }

            set.Add(address.ToString());
        }

        return set;
    }

    private static List<FunctionFilter> Filters(List<string>? values, string field, string at, List<string> errors, bool requireAddress)
    {
        var list = new List<FunctionFilter>();
        for (var k = 0; k < (values?.Count ?? 0); k++)
        {
            var v = values![k] ?? "";
            var filter = FunctionFilter.TryParse(v, out var error);
            if (filter is null)
            {
                errors.Add($"{at}.{field}[{k}] \"{v}\": {error}");
                continue;
            }

            if (requireAddress && !PciAddress.TryParse(filter.Target.ToLowerInvariant(), out _))
            {
                errors.Add($"{at}.{field}[{k}] \"{v}\": \"{filter.Target}\" is not a PF's PCI address (DDDD:BB:DD.F)");
                continue;
            }

            list.Add(filter);
        }

        return list;
    }

    private static HashSet<int> PKeys(List<string>? values, string at, List<string> errors)
    {
        var set = new HashSet<int>();
        for (var k = 0; k < (values?.Count ?? 0); k++)
        {
            var v = values![k] ?? "";
            var digits = v.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? v[2..] : v;
            if (!int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) || key > 0xffff || digits.Length == 0)
            {
                errors.Add($"{at}.pKeys[{k}] \"{v}\": expected a 16-bit hex partition key, e.g. \"0x7fff\"");
                continue;
            }

            set.Add(key);
        }

        return set;
    }

    private static string Show(List<string>? values) =>
        values is null ? "nothing" : "[" + string.Join(",", values.Select(v => "\"" + v + "\"")) + "]";
}
