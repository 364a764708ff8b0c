using System.Globalization;
using Sriov.Api.NodeStates;

namespace Sriov.Operator.Selection;

/// <summary>
/// One <c>nicSelector.pfNames</c> entry: a PF name (or alt-name), optionally with a VF index range
/// <c>name#first-last</c>. A malformed entry has a non-null <see cref="Error"/> that says how to write it.
/// </summary>
public sealed record PfNameEntry(string Raw, string Name, VfRange? Range, string? Error)
{
    /// <summary><see cref="Range"/> as written in a node state's <c>vfRange</c>, computed once.</summary>
    public string? RangeText { get; } = Range?.ToString();

    public static PfNameEntry Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var hash = raw.Split('#');
        if (hash.Length == 1)
        {
            return new PfNameEntry(raw, raw, null, raw.Length == 0 ? "the PF name is empty" : null);
        }

        var name = hash[0];
        if (hash.Length > 2)
        {
            return Bad(raw, name, "has more than one '#'; write <pf name>#<first VF>-<last VF>, e.g. ens1f0#0-7");
        }

        if (name.Length == 0)
        {
            return Bad(raw, name, "has no PF name before '#'");
        }

        var bounds = hash[1].Split('-');
        if (bounds.Length != 2)
        {
            return Bad(raw, name, "needs exactly one '-' in the range; write <pf name>#<first VF>-<last VF>, e.g. ens1f0#0-7");
        }

        if (!int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return Bad(raw, name, "has a range bound that is not a non-negative integer");
        }

        if (last < first)
        {
            return Bad(raw, name, $"has its last VF index {last} before its first {first}");
        }

        return new PfNameEntry(raw, name, new VfRange(first, last), null);
    }

    private static PfNameEntry Bad(string raw, string name, string why) => new(raw, name, null, why);
}
