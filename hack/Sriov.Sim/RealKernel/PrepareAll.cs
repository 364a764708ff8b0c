using System.Globalization;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// The tier's shared boots: the scenarios of every given test assembly run in one plain and one IOMMU guest, booted
/// in parallel, while the scenarios' host-side preparations (NativeAOT publishes) run beside the boots; the results go
/// to a <see cref="SharedResults"/> directory that the test processes read instead of booting their own guests
/// (docs/testing.md, "Real kernel"; docs/decisions.md, "Real-kernel tier").
/// </summary>
internal static class PrepareAll
{
    private static readonly bool[] Kinds = [false, true];

    public static async Task<int> RunAsync(
        SharedResults results, IReadOnlyList<string> assemblies, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        List<GuestScenario> scenarios;
        try
        {
            scenarios = Collect(assemblies, stdout);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or InvalidOperationException or ArgumentException
                                      or System.Reflection.ReflectionTypeLoadException or System.Reflection.TargetInvocationException)
        {
            results.WriteError(e.ToString());
            await stderr.WriteLineAsync($"realkernel prepare-all: {e}");
            return 1;
        }

        results.WriteManifest(scenarios);
        var guest = RealKernelGuest.Discover();
        var runs = Kinds
            .Select(iommu => scenarios.Where(s => s.Iommu == iommu).ToList())
            .Where(group => group.Count > 0)
            .Select(group => RunGuestAsync(guest, results, group, stdout, stderr, cancellationToken))
            .ToList();
        var completed = await Task.WhenAll(runs);
        return completed.All(c => c) ? 0 : 1;
    }

    /// <summary>Every assembly's scenarios; names must be unique across assemblies, since results are found by name.</summary>
    private static List<GuestScenario> Collect(IReadOnlyList<string> assemblies, TextWriter stdout)
    {
        var all = new List<GuestScenario>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            var found = TestAssemblyScenarios.Load(assembly);
            foreach (var s in found)
            {
                if (!owner.TryAdd(s.Name, assembly))
                {
                    throw new InvalidOperationException(
                        $"two test assemblies define the guest scenario '{s.Name}' ({owner[s.Name]} and {assembly}); rename one: shared results are found by name");
                }
            }

            all.AddRange(found);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"realkernel: {found.Count} scenarios from {Path.GetFileName(assembly)}: {string.Join(", ", found.Select(s => s.Name + (s.Iommu ? " (iommu)" : "")))}"));
        }

        return all;
    }

    private static async Task<bool> RunGuestAsync(
        RealKernelGuest guest, SharedResults results, List<GuestScenario> scenarios, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var iommu = scenarios[0].Iommu;
        var preparations = scenarios.Where(s => s.Prepare is not null)
            .ToDictionary(s => s.Name, s => Task.Run(() => s.Prepare!(cancellationToken), cancellationToken), StringComparer.Ordinal);
        GuestRun run;
        using (await GuestSlots.AcquireAsync(cancellationToken))
        {
            run = await guest.RunAsync(
                GuestBatch.Flatten(scenarios), new GuestOptions { Iommu = iommu },
                preparations.ToDictionary(p => p.Key, p => (Task)p.Value, StringComparer.Ordinal), results.RunDirectory(iommu), cancellationToken);
        }

        results.WriteResult(run);
        await stdout.WriteLineAsync($"realkernel: {run.Summary()}");
        // Per scenario, its steps' guest time with the reset: what to move between the guests to balance them.
        var costs = run.Steps.GroupBy(s => s.Name[..s.Name.IndexOf('/', StringComparison.Ordinal)])
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Duration.TotalSeconds):0.0}"));
        await stdout.WriteLineAsync($"realkernel: {SharedResults.Kind(iommu)} guest steps (s): {string.Join(", ", costs)}");
        foreach (var (name, preparation) in preparations)
        {
            try
            {
                await preparation;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await stderr.WriteLineAsync($"realkernel prepare-all: preparing scenario '{name}' failed: {e}");
            }
        }

        if (!run.Completed)
        {
            await stderr.WriteLineAsync($"realkernel prepare-all: the {SharedResults.Kind(iommu)} guest did not complete: {run.Diagnostics()}");
        }

        return run.Completed;
    }
}
