using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Selection;

namespace Sriov.DevicePlugin.Pools;

/// <summary>
/// Carries a pool from one discovery to the next (pure). Devices the new selection holds are present. A device the
/// pool had that is no longer selected stays, Unhealthy, while the reason is transient: its function is still there
/// but bound to no driver (a rebind in progress), or its function is gone and its PF carries the reconfiguring marker,
/// or it went missing at this resync (it leaves at the next one if still gone). Anything else (another driver, a
/// changed config, another pool selecting it) removes it. Then every entry's health is evaluated.
/// </summary>
internal static class PoolMerge
{
    public static IReadOnlyList<PoolEntry> Merge(IReadOnlyList<PoolEntry> previous, BuiltPool built, NodeSnapshot snapshot,
        IReadOnlySet<string> selectedAnywhere, HealthFacts facts)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(built);
        var entries = new List<PoolEntry>(built.Devices.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in built.Devices)
        {
            ids.Add(device.Id);
            entries.Add(Evaluate(new PoolEntry(device, Presence.Present, true, null), facts));
        }

        foreach (var old in previous)
        {
            if (ids.Contains(old.Id) || selectedAnywhere.Contains(old.Id))
            {
                continue;
            }

            if (Keep(old, snapshot) is { } kept)
            {
                entries.Add(Evaluate(kept, facts));
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    /// <summary>Re-evaluates health only (a link event or a marker change between discoveries).</summary>
    public static IReadOnlyList<PoolEntry> Reevaluate(IReadOnlyList<PoolEntry> entries, HealthFacts facts) =>
        [.. entries.Select(e => Evaluate(e, facts))];

    private static PoolEntry? Keep(PoolEntry old, NodeSnapshot snapshot)
    {
        var d = old.Device.Candidate;
        var function = snapshot.Inventory.Find(d.Pci);
        var exists = function is not null && !function.Problems.Any(p => p.Attribute == ".")
                     && (!d.IsAuxiliary || snapshot.AuxDevices.Any(a => a.Name == d.Id));
        if (exists)
        {
            return function!.Driver is null ? old with { Presence = Presence.Unbound, MissingRounds = 0 } : null;
        }

        var marked = d.PfAddress is { } pf && snapshot.ReconfiguringPfs.Contains(pf.ToString());
        if (marked)
        {
            return old with { Presence = Presence.Missing, MissingRounds = 0 };
        }

        return old.Presence == Presence.Missing && old.MissingRounds >= 1
            ? null
            : old with { Presence = Presence.Missing, MissingRounds = old.Presence == Presence.Missing ? old.MissingRounds + 1 : 1 };
    }

    private static PoolEntry Evaluate(PoolEntry entry, HealthFacts facts)
    {
        var (healthy, reason) = HealthRules.Evaluate(entry.Device, entry.Presence, facts);
        return entry with { Healthy = healthy, Reason = reason };
    }
}
