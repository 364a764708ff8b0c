using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// Host-side work the steps need, e.g. publishing a binary they run (see DotnetPublisher). It runs while the guest
    /// boots: the scenario's steps come last in their boot and wait (bounded, <see cref="GuestBatch.PrepareWait"/>) until it
    /// has finished; when it fails they do not run and the tests get its error.
    /// </summary>
    public Func<CancellationToken, Task>? Prepare { get; init; }

    /// <summary>
    /// A hash of everything that decides what the guest does for this scenario (name, IOMMU, each step's name, script,
    /// timeout and environment): results recorded for one fingerprint answer only a scenario with the same one
    /// (<see cref="SharedResults"/>).
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Name).Append('\0').Append(Iommu ? "iommu" : "plain").Append('\0');
            foreach (var step in Steps)
            {
                text.Append(step.Name).Append('\0')
                    .Append(step.Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)).Append('\0')
                    .Append(step.Script).Append('\0');
                foreach (var (key, value) in step.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(key).Append('=').Append(value).Append('\0');
                }

                text.Append('\n');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
