using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Selection;

/// <summary>
/// Whether one selector object selects one candidate, field by field in upstream's order (spec/device-plugin.md §1.3).
/// Pure; the vDPA type, DDP profile and partition key were read into the candidate when the config asked for them.
/// </summary>
internal static class SelectorMatcher
{
    public static bool Matches(SelectorSpec s, DeviceCandidate d) => FirstMismatch(s, d) is null;

    /// <summary>The first field that rejects the candidate, or null when the selector selects it (for logs and tests).</summary>
    public static string? FirstMismatch(SelectorSpec s, DeviceCandidate d)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(d);
        if (!Allows(s.Vendors, d.Vendor))
        {
            return "vendors";
        }

        if (!Allows(s.Devices, d.Device))
        {
            return "devices";
        }

        if (!Allows(s.Drivers, d.Driver))
        {
            return "drivers";
        }

        if (!Allows(s.PciAddresses, d.IsAuxiliary ? null : d.Id))
        {
            return "pciAddresses";
        }

        if (!Allows(s.AcpiIndexes, d.AcpiIndex))
        {
            return "acpiIndexes";
        }

        if (s.AuxTypes.Count > 0 && !Allows(s.AuxTypes, d.AuxType))
        {
            return "auxTypes";
        }

        if (s.PfNames.Count > 0 && !FunctionFilter.Match(s.PfNames, d.PfName, d.FunctionIndex))
        {
            return "pfNames";
        }

        if (s.RootDevices.Count > 0 && !FunctionFilter.Match(s.RootDevices, d.PfAddress?.ToString(), d.FunctionIndex))
        {
            return "rootDevices";
        }

        if (!Allows(s.LinkTypes, d.SelectionLinkType))
        {
            return "linkTypes";
        }

        // A device without a profile never matches a ddpProfiles selector (upstream).
        if (!Allows(s.DdpProfiles, d.Extras.DdpProfile))
        {
            return "ddpProfiles";
        }

        if (s.PKeys.Count > 0 && (d.Extras.PKey is not { } key || !s.PKeys.Contains(key)))
        {
            return "pKeys";
        }

        if (s.IsRdma && d.RdmaDevices.Count == 0)
        {
            return "isRdma";
        }

        if (s.VdpaType is { } vdpa && d.Extras.Vdpa?.Type != vdpa)
        {
            return "vdpaType";
        }

        return null;
    }

    private static bool Allows(IReadOnlySet<string> set, string? value) =>
        set.Count == 0 || (value is not null && set.Contains(value));
}
