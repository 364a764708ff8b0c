using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// GetPreferredAllocation (upstream answers nothing, so the kubelet picks at random): the must-include devices first;
/// then devices of one NUMA node (the must-include devices' node, else a node that can satisfy the whole request,
/// preferring the one with the most free devices), then other nodes by free devices, devices with no NUMA node last;
/// within a node, spread across PFs (each pick from the PF with the fewest picks so far, so one PF losing link takes
/// as few of a pod's interfaces as possible), lowest VF first. Pure and deterministic.
/// </summary>
internal static class PreferredAllocation
{
    public static IReadOnlyList<string> Choose(IReadOnlyList<string> available, IReadOnlyList<string> mustInclude, int size,
        IReadOnlyDictionary<string, PoolDevice> pool)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(mustInclude);
        ArgumentNullException.ThrowIfNull(pool);
        var chosen = mustInclude.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count >= size)
        {
            return chosen.Take(Math.Max(size, 0)).ToList();
        }

        var taken = chosen.ToHashSet(StringComparer.Ordinal);
        var free = available.Distinct(StringComparer.Ordinal).Where(id => !taken.Contains(id)).ToList();
        var known = free.Where(pool.ContainsKey).Select(id => pool[id]).ToList();
        var need = size - chosen.Count;
        var picks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in chosen)
        {
            if (pool.TryGetValue(id, out var d))
            {
                picks[PfKey(d)] = picks.GetValueOrDefault(PfKey(d)) + 1;
            }
        }

        foreach (var group in NumaOrder(known, chosen, pool, need))
        {
            var remaining = group.ToList();
            while (remaining.Count > 0 && chosen.Count < size)
            {
                var next = remaining
                    .OrderBy(d => picks.GetValueOrDefault(PfKey(d)))
                    .ThenByDescending(d => remaining.Count(o => PfKey(o) == PfKey(d)))
                    .ThenBy(d => PfKey(d), StringComparer.Ordinal)
                    .ThenBy(d => d.Candidate.FunctionIndex ?? int.MaxValue)
                    .ThenBy(d => d.Id, StringComparer.Ordinal)
                    .First();
                remaining.Remove(next);
                chosen.Add(next.Id);
                picks[PfKey(next)] = picks.GetValueOrDefault(PfKey(next)) + 1;
            }
        }

        // Ids the pool does not know (should not happen) fill up last, in the kubelet's order.
        chosen.AddRange(free.Where(id => !pool.ContainsKey(id)).Take(size - chosen.Count));
        return chosen;
    }

    private static IEnumerable<IEnumerable<PoolDevice>> NumaOrder(List<PoolDevice> known, List<string> chosen,
        IReadOnlyDictionary<string, PoolDevice> pool, int need)
    {
        var groups = known.Where(d => d.Numa is not null).GroupBy(d => d.Numa!.Value).ToList();
        var anchor = chosen.Select(id => pool.GetValueOrDefault(id)?.Numa).OfType<int>()
            .GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (int?)g.Key).FirstOrDefault();
        anchor ??= groups.Where(g => g.Count() >= need).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (int?)g.Key).FirstOrDefault();
        foreach (var g in groups.OrderBy(g => g.Key == anchor ? 0 : 1).ThenByDescending(g => g.Count()).ThenBy(g => g.Key))
        {
            yield return g;
        }

        yield return known.Where(d => d.Numa is null);
    }

    private static string PfKey(PoolDevice d) => d.Candidate.PfAddress?.ToString() ?? d.Id;
}
