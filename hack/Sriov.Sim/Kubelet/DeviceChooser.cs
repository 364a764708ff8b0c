namespace Sriov.Sim.Kubelet;

/// <summary>
/// The kubelet device manager's choice of devices for a container: take the plugin's preferred devices that are
/// actually available (in its order, without duplicates), then fill up from the available devices. The kubelet takes
/// the remainder from an unordered set; the emulator takes it in ID order so tests are deterministic.
/// </summary>
internal static class DeviceChooser
{
    public static IReadOnlyList<string> Choose(IReadOnlyList<string> available, IReadOnlyList<string>? preferred, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > available.Count)
        {
            throw new KubeletAllocationException(
                $"requested number of devices unavailable. Requested: {count}, Available: {available.Count}");
        }

        var chosen = new List<string>(count);
        var free = new HashSet<string>(available, StringComparer.Ordinal);
        foreach (var id in preferred ?? [])
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (free.Remove(id))
            {
                chosen.Add(id);
            }
        }

        chosen.AddRange(available.Where(free.Contains).Order(StringComparer.Ordinal).Take(count - chosen.Count));
        return chosen;
    }
}
