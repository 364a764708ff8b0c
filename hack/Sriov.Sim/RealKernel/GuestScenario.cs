using System.Text.RegularExpressions;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// A named sequence of guest steps that is meant to run together in one boot, shared with other scenarios
/// (a boot costs ~8 s of CI time; a scenario a few hundred ms). After the last step the guest is put back in its boot
/// state (no VFs, no extra network namespaces, PF up with carrier), so scenarios do not depend on each other's order.
/// </summary>
public sealed partial record GuestScenario
{
    public GuestScenario(string name, IReadOnlyList<GuestStep> steps)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(steps);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"scenario name '{name}' is invalid: use letters, digits, '.', '_' and '-'", nameof(name));
        }

        if (steps.Count == 0)
        {
            throw new ArgumentException($"scenario '{name}' has no steps", nameof(steps));
        }

        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"scenario '{name}' has two steps named '{duplicate.Key}'", nameof(steps));
        }

        Name = name;
        Steps = steps;
    }

    public string Name { get; }

    public IReadOnlyList<GuestStep> Steps { get; }

    /// <summary>Run in a guest with an emulated IOMMU (VFs get IOMMU groups and can bind to vfio-pci).</summary>
    public bool Iommu { get; init; }

    /// <summary>Host-side work done before the boot, e.g. publishing a binary the steps run (see DotnetPublisher).</summary>
    public Func<CancellationToken, Task>? Prepare { get; init; }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
