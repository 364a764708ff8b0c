using System.Text.RegularExpressions;
using Sriov.Api.Policies;
using Sriov.Operator.Selection;
using Sriov.Api.SupportedNics;

namespace Sriov.Operator.Admission;

/// <summary>The rules of operator.md §5.2 that need only the policy and the supported NIC list (rules 1–9).</summary>
internal static partial class PolicyStaticRules
{
    public static IEnumerable<string> Check(SriovNetworkNodePolicy policy, SupportedNicList nics, bool devMode)
    {
        var s = policy.Spec;
        var sel = s.NicSelector ?? new NicSelector();
        var numVfs = s.NumVfs ?? 0;

        // Rule 1: the device plugin builds "<prefix>/<resourceName>", a Kubernetes extended resource name.
        var name = s.ResourceName ?? "";
        if (name.Length == 0)
        {
            yield return "spec.resourceName is empty: set the name the device plugin advertises the VFs as, e.g. intel_netdevice";
        }
        else if (name.Length > 63)
        {
            yield return $"spec.resourceName \"{name}\" is {name.Length} characters long; use at most 63";
        }
        else if (!ResourceNamePattern().IsMatch(name))
        {
            yield return $"spec.resourceName \"{name}\" may contain only letters, digits, '_' and '-', and must start and end with a letter or digit";
        }

        // Rule 2.
        var hasPfNames = sel.PfNames is { Count: > 0 };
        var hasRoots = sel.RootDevices is { Count: > 0 };
        if (string.IsNullOrEmpty(sel.Vendor) && string.IsNullOrEmpty(sel.DeviceId) && !hasPfNames && !hasRoots && string.IsNullOrEmpty(sel.NetFilter))
        {
            yield return "spec.nicSelector selects no NIC: set at least one of vendor, deviceID, pfNames, rootDevices or netFilter";
        }

        // Rule 3: a netFilter selects the virtual NICs of a cloud network; nothing else applies to those.
        if (!string.IsNullOrEmpty(sel.NetFilter))
        {
            if (!string.IsNullOrEmpty(sel.Vendor) || !string.IsNullOrEmpty(sel.DeviceId) || hasPfNames || hasRoots)
            {
                yield return "spec.nicSelector.netFilter cannot be combined with vendor, deviceID, pfNames or rootDevices; use netFilter alone";
            }

            if (s.ESwitchMode == "switchdev")
            {
                yield return "spec.nicSelector.netFilter cannot be used with eSwitchMode switchdev";
            }

            if (s.Bridge is not null)
            {
                yield return "spec.nicSelector.netFilter cannot be used with spec.bridge";
            }

            if (!string.IsNullOrEmpty(s.LinkType) && !IsEth(s.LinkType))
            {
                yield return $"spec.nicSelector.netFilter works only with linkType eth, found {s.LinkType}";
            }
        }

        // Rule 4.
        if (!devMode)
        {
            foreach (var e in SupportedModel(sel, nics))
            {
                yield return e;
            }
        }

        // Rule 5.
        for (var i = 0; i < (sel.PfNames?.Count ?? 0); i++)
        {
            var entry = PfNameEntry.Parse(sel.PfNames![i]);
            if (entry.Error is { } error)
            {
                yield return $"spec.nicSelector.pfNames[{i}] \"{entry.Raw}\" {error}";
            }
            else if (entry.Range is { } range && range.Last >= numVfs)
            {
                yield return $"spec.nicSelector.pfNames[{i}] \"{entry.Raw}\": the last VF index {range.Last} exceeds the highest VF index {numVfs - 1} of numVfs {numVfs}; raise numVfs or lower the range";
            }
        }

        // Rules 6-9.
        if (s.DeviceType == PolicyMutator.VfioPci && s.IsRdma == true)
        {
            yield return "deviceType vfio-pci cannot be combined with isRdma: true (RDMA needs the kernel driver); use deviceType netdevice or isRdma: false";
        }

        if (s.ESwitchMode == "switchdev" && !string.IsNullOrEmpty(s.LinkType) && !IsEth(s.LinkType))
        {
            yield return $"eSwitchMode switchdev needs linkType eth, found {s.LinkType}";
        }

        if (!string.IsNullOrEmpty(s.VdpaType))
        {
            if (s.DeviceType != "netdevice")
            {
                yield return $"vdpaType {s.VdpaType} needs deviceType netdevice, found {s.DeviceType}";
            }

            if (s.ESwitchMode != "switchdev")
            {
                yield return $"vdpaType {s.VdpaType} needs eSwitchMode switchdev";
            }
        }

        if (s.Bridge is not null)
        {
            if (s.ESwitchMode != "switchdev")
            {
                yield return "spec.bridge needs eSwitchMode switchdev";
            }

            if (s.ExternallyManaged == true)
            {
                yield return "spec.bridge cannot be used with externallyManaged: true";
            }
        }
    }

    private static IEnumerable<string> SupportedModel(NicSelector sel, SupportedNicList nics)
    {
        const string Hint = "add the model to the supported-nic-ids ConfigMap in the operator namespace, or set DEV_MODE=TRUE on the operator webhook";
        if (!string.IsNullOrEmpty(sel.Vendor) && !nics.IsSupportedVendor(sel.Vendor))
        {
            yield return $"spec.nicSelector.vendor {sel.Vendor} is not a vendor of any supported NIC model (supported: {string.Join(", ", nics.Vendors)}); {Hint}";
        }
        else if (!string.IsNullOrEmpty(sel.Vendor) && !string.IsNullOrEmpty(sel.DeviceId) && !nics.IsSupportedPf(sel.Vendor, sel.DeviceId))
        {
            yield return $"vendor {sel.Vendor} device {sel.DeviceId} is not a supported NIC model; {Hint}";
        }
        else if (string.IsNullOrEmpty(sel.Vendor) && !string.IsNullOrEmpty(sel.DeviceId) && !nics.IsSupportedPfDevice(sel.DeviceId))
        {
            yield return $"spec.nicSelector.deviceID {sel.DeviceId} is not the PF device id of any supported NIC model; {Hint}";
        }
    }

    private static bool IsEth(string linkType) => string.Equals(linkType, "eth", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$")]
    private static partial Regex ResourceNamePattern();
}
