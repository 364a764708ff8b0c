using Sriov.Api.NodeStates;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Render;

/// <summary>
/// Merges a policy's render for a PF into what earlier (lower-priority) policies rendered for the same PF
/// (operator.md §2.3).
/// </summary>
internal static class InterfaceMerger
{
    /// <summary>
    /// Keeps each earlier VF group unless it has the same resource name as the new group or its range overlaps the
    /// new range. When groups were kept, or both policies have the same priority, the PF gets the larger numVfs and
    /// mtu of the two (the partitioning case); otherwise the newer, higher-priority policy's values win. PF-level
    /// linkType, eSwitchMode and externallyManaged always come from the newer policy.
    /// </summary>
    /// <param name="earlier">What earlier policies rendered for the PF.</param>
    /// <param name="newer">The newer policy's render for the PF, with its single VF group.</param>
    /// <param name="newRange">The VF range of that group.</param>
    /// <param name="equalPriority">Whether the policy that rendered <paramref name="earlier"/> last has the same priority.</param>
    public static InterfaceSpec Merge(InterfaceSpec earlier, InterfaceSpec newer, VfRange newRange, bool equalPriority)
    {
        var newGroup = newer.VfGroups![0];
        var earlierGroups = earlier.VfGroups ?? [];
        var groups = new List<VfGroup>(earlierGroups.Count + 1);
        var inserted = false;
        foreach (var g in earlierGroups)
        {
            var parsed = VfRange.TryParse(g.VfRange, out var r);
            if (g.ResourceName == newGroup.ResourceName || (parsed && r.Overlaps(newRange)))
            {
                continue;
            }

            // Ordered by first VF so the spec reads like the PF's layout; the daemon looks groups up by range.
            if (!inserted && parsed && r.First > newRange.First)
            {
                groups.Add(newGroup);
                inserted = true;
            }

            groups.Add(g);
        }

        if (equalPriority || groups.Count > (inserted ? 1 : 0))
        {
            newer.NumVfs = Max(earlier.NumVfs, newer.NumVfs);
            newer.Mtu = Max(earlier.Mtu, newer.Mtu);
        }

        if (!inserted)
        {
            groups.Add(newGroup);
        }

        newer.VfGroups = groups;
        return newer;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
