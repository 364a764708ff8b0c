using Sriov.Api.NodeStates;
using Sriov.Api.Policies;

namespace Sriov.Operator.Selection;

/// <summary>
/// Whether a policy's <c>nicSelector</c> selects a PF the config daemon reported (operator.md §2.2): every non-empty
/// field must match; an all-empty selector matches nothing.
/// </summary>
internal static class NicMatcher
{
    public static bool Matches(NicSelector? selector, InterfaceExt nic) =>
        Matches(selector, selector?.PfNames?.Select(PfNameEntry.Parse).ToList() ?? [], nic);

    /// <summary>As <see cref="Matches(NicSelector?, InterfaceExt)"/>, with the selector's pfNames already parsed.</summary>
    public static bool Matches(NicSelector? selector, IReadOnlyList<PfNameEntry> pfNames, InterfaceExt nic)
    {
        if (selector is null)
        {
            return false;
        }

        var constrained = false;
        if (!string.IsNullOrEmpty(selector.Vendor))
        {
            constrained = true;
            if (!IdEquals(selector.Vendor, nic.Vendor))
            {
                return false;
            }
        }

        if (!string.IsNullOrEmpty(selector.DeviceId))
        {
            constrained = true;
            if (!IdEquals(selector.DeviceId, nic.DeviceId))
            {
                return false;
            }
        }

        if (selector.RootDevices is { Count: > 0 } roots)
        {
            constrained = true;
            if (!roots.Any(r => IdEquals(r, nic.PciAddress)))
            {
                return false;
            }
        }

        if (pfNames.Count > 0)
        {
            constrained = true;
            if (MatchingPfName(pfNames, nic) is null)
            {
                return false;
            }
        }

        if (!string.IsNullOrEmpty(selector.NetFilter))
        {
            constrained = true;
            if (!NetFilterMatches(selector.NetFilter, nic.NetFilter))
            {
                return false;
            }
        }

        return constrained;
    }

    /// <summary>The first pfNames entry naming this PF by its name or one of its alt-names, or null.</summary>
    public static PfNameEntry? MatchingPfName(IReadOnlyList<PfNameEntry> pfNames, InterfaceExt nic)
    {
        for (var i = 0; i < pfNames.Count; i++)
        {
            var entry = pfNames[i];
            if (IsNameOf(entry.Name, nic))
            {
                return entry;
            }
        }

        return null;
    }

    public static bool IsNameOf(string name, InterfaceExt nic) =>
        name.Length > 0 && (string.Equals(name, nic.Name, StringComparison.Ordinal)
            || (nic.AltNames?.Contains(name, StringComparer.Ordinal) ?? false));

    /// <summary>Both sides are <c>key:value</c>; the first key and value must be equal (upstream splits on ':').</summary>
    public static bool NetFilterMatches(string selector, string? nicFilter)
    {
        if (string.IsNullOrEmpty(nicFilter))
        {
            return false;
        }

        var want = selector.Split(':');
        var have = nicFilter.Split(':');
        return want.Length >= 2 && have.Length >= 2
            && string.Equals(want[0], have[0], StringComparison.Ordinal)
            && string.Equals(want[1], have[1], StringComparison.Ordinal);
    }

    /// <summary>PCI ids and addresses are hex; compare them case-insensitively.</summary>
    public static bool IdEquals(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
