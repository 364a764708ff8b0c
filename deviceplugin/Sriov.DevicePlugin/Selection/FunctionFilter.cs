namespace Sriov.DevicePlugin.Selection;

/// <summary>
/// One <c>pfNames</c> or <c>rootDevices</c> entry: a PF (netdev name or PCI address, compared case-insensitively) and,
/// after <c>#</c>, the functions of it that match; without <c>#</c> every function of that PF matches.
/// </summary>
internal sealed record FunctionFilter(string Target, FunctionRange? Functions)
{
    /// <summary>Parses <c>ens1f0</c> or <c>ens1f0#0,2-7</c>; null and the reason when malformed.</summary>
    public static FunctionFilter? TryParse(string entry, out string? error)
    {
        error = null;
        var parts = entry.Split('#');
        if (parts.Length > 2)
        {
            error = "has more than one '#'";
            return null;
        }

        if (parts[0].Length == 0)
        {
            error = "names no PF before '#'";
            return null;
        }

        if (parts.Length == 1)
        {
            return new FunctionFilter(parts[0], null);
        }

        var range = FunctionRange.TryParse(parts[1], out var rangeError);
        if (range is null)
        {
            error = $"function list after '#': {rangeError}";
            return null;
        }

        return new FunctionFilter(parts[0], range);
    }

    /// <summary>
    /// Upstream's lookup: the first entry whose target equals <paramref name="pf"/> decides; a function index of null
    /// (not a VF) only matches an entry without <c>#</c>. A device without a PF never matches.
    /// </summary>
    public static bool Match(IReadOnlyList<FunctionFilter> filters, string? pf, int? function)
    {
        if (string.IsNullOrEmpty(pf))
        {
            return false;
        }

        foreach (var filter in filters)
        {
            if (string.Equals(filter.Target, pf, StringComparison.OrdinalIgnoreCase))
            {
                return filter.Functions is null || (function is { } i && filter.Functions.Contains(i));
            }
        }

        return false;
    }

    public override string ToString() => Functions is null ? Target : $"{Target}#{Functions}";
}
