using System.Globalization;

namespace Sriov.ConfigDaemon.Planning;

/// <summary>
/// One step of a plan. Values are what discovery saw (<see cref="From"/>) and what the step makes them
/// (<see cref="To"/>); a VF that does not exist yet (its PF's count changes first) has no <see cref="VfAddress"/> and
/// unknown "from" values, and the step resolves it by index when it runs. Every step reads the current state first and
/// writes nothing when it already holds.
/// </summary>
internal sealed record PlanAction
{
    public required ActionKind Kind { get; init; }

    /// <summary>The PF's PCI address.</summary>
    public required string Pf { get; init; }

    public string? PfName { get; init; }

    /// <summary>The VF's index on its PF, for VF steps.</summary>
    public int? Vf { get; init; }

    /// <summary>The VF's PCI address when the VF exists at planning time.</summary>
    public string? VfAddress { get; init; }

    /// <summary>The value before (a count, MTU, driver, MAC); null when unknown or not applicable.</summary>
    public string? From { get; init; }

    /// <summary>The value after; for <see cref="ActionKind.SetVfAdminMac"/> null means "the VF's MAC when the step runs".</summary>
    public string? To { get; init; }

    /// <summary>True when the step removes VFs or rebinds a VF that existed (and so may be in use): the node needs a drain first.</summary>
    public bool Disruptive { get; init; }

    /// <summary>For <see cref="ActionKind.SaveRecord"/>: the record to write.</summary>
    public Records.PfRecord? Record { get; init; }

    /// <summary>The target as a number (counts, MTUs).</summary>
    public int ToNumber => int.Parse(To!, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>"setNumVfs PF 0000:3b:00.0 (ens1f0) 0 → 8", for logs and errors.</summary>
    public string Describe()
    {
        var pf = $"PF {Pf}{(PfName is null ? "" : " (" + PfName + ")")}";
        var what = Vf is { } i
            ? VfAddress is null ? $"VF #{i} of {pf}" : $"VF {VfAddress} (#{i} of {pf})"
            : pf;
        var change = (From, To) switch
        {
            (null, null) => "",
            (null, { } t) => $" → {t}",
            ({ } f, null) => $" {f} → (default)",
            ({ } f, { } t) => $" {f} → {t}",
        };
        return $"{PlanJson.Name(Kind)} {what}{change}";
    }
}
