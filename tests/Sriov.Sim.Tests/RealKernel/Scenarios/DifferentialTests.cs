using System.Text.Json;
using Sriov.Sim.RealKernel;
using Sriov.Sim.Scenario;
using Sriov.Sim.Tests.Support;

namespace Sriov.Sim.Tests.RealKernel.Scenarios;

/// <summary>
/// The simulator checked against the real kernel (issue 3): every built-in scenario runs through <c>Sriov.Host</c> in
/// the igb guests and on the simulated igb node with the igb driver emulator, and the two records must agree except
/// where <see cref="AcceptedDifferences"/> says why not. The comparison is written to
/// <c>.work/realkernel/differential/</c>; docs/simulation.md carries it.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class DifferentialTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    public static IEnumerable<GuestScenario> Scenarios => ScenarioRecords.GuestScenarios;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_guest_runs_every_script_of_its_boot_and_cleans_up_after_each(bool iommu)
    {
        var run = await ScenarioRecords.RunAsync(guests, iommu);

        // A cleanup that could not undo something is printed on stderr and makes the exit code 1.
        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.Describe());
        Assert.Equal(
            (iommu ? BuiltinScenarios.Iommu : BuiltinScenarios.Plain).Select(s => s + ".json").Order(StringComparer.Ordinal),
            run.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_simulator_refuses_nothing_the_code_did_and_cleans_up()
    {
        var sim = await ScenarioRecords.SimulatedAsync();

        Assert.Empty(sim.Rejections);
        Assert.Empty(sim.Faults);
        Assert.Empty(sim.CleanupProblems);
    }

    [Fact]
    public async Task Every_difference_from_the_real_kernel_is_accepted_with_a_reason()
    {
        var report = await ReportAsync();

        Assert.True(report.Unexplained.Count == 0,
            "fix the simulator or the driver emulator, or add the difference with its reason to AcceptedDifferences and " +
            "docs/simulation.md:\n" + string.Join("\n", report.Unexplained));
        Assert.True(report.Unused.Count == 0, "acceptances that matched nothing (remove them):\n" + string.Join("\n", report.Unused));
    }

    [Fact]
    public async Task Docs_simulation_md_carries_the_results_of_this_run()
    {
        var report = await ReportAsync();
        var documented = DifferentialDoc.Rows(File.ReadAllText(RepoPaths.Of("docs/simulation.md")))
            .ToDictionary(r => (r.Script, r.Step));

        // The verdict column is left out: optional (timing-dependent) differences come and go between runs.
        var stale = report.Rows()
            .Where(r => !documented.TryGetValue((r.Script, r.Step), out var d) || (d.Op, d.Real, d.Sim) != (r.Op, r.Real, r.Sim))
            .ToList();
        Assert.True(stale.Count == 0 && documented.Count == report.Rows().Count,
            $"docs/simulation.md's differential record differs from this run in {stale.Count} step(s) (first: {stale.FirstOrDefault()}); " +
            $"regenerate it: dotnet tests/Sriov.Sim.Tests/bin/Release/net10.0/sriov-sim.dll scenario compare --real {Output}/real --sim {Output}/sim --doc docs/simulation.md");
    }

    private static string Output => Path.Combine(RealKernelPaths.Discover().WorkDirectory, "differential");

    /// <summary>The comparison of this run; the records and the table are also written to .work/realkernel/differential.</summary>
    private async Task<DifferentialReport> ReportAsync()
    {
        var real = new List<ScenarioRecord>();
        foreach (var name in BuiltinScenarios.Names)
        {
            real.Add(await ScenarioRecords.RealAsync(guests, name));
        }

        var sim = (await ScenarioRecords.SimulatedAsync()).Records.Values.ToList();
        var report = DifferentialReport.Create(real, sim, AcceptedDifferences.All);
        foreach (var (kind, records) in new[] { ("real", real), ("sim", sim) })
        {
            Directory.CreateDirectory(Path.Combine(Output, kind));
            foreach (var record in records)
            {
                await File.WriteAllTextAsync(
                    Path.Combine(Output, kind, record.Script + ".json"), JsonSerializer.Serialize(record, ScenarioJson.Default.ScenarioRecord));
            }
        }

        await File.WriteAllTextAsync(Path.Combine(Output, "report.md"), report.Markdown());
        return report;
    }
}
