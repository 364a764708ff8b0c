using System.Text.Json;
using Sriov.Sim.RealKernel;
using Sriov.Sim.Scenario;

namespace Sriov.Sim.Tests.RealKernel.Scenarios;

/// <summary>
/// The records of the built-in scenarios: the real ones from the guests (one <c>sriov-sim scenario run</c> process per
/// boot, over every script of that boot, run from this test build's own <c>sriov-sim.dll</c>, which the guest sees
/// through its view of the host's root), the simulated ones from runs in this process against the igb profile with
/// veth interfaces and the igb driver emulator, started once and in parallel with the boots.
/// </summary>
internal static class ScenarioRecords
{
    public const string PlainScenario = "scenarios";
    public const string IommuScenario = "scenarios-iommu";
    public const string Step = "run";

    private static readonly Lazy<Task<SimulatedRuns>> Simulated = new(() => Task.Run(RunSimulatorAsync));

    /// <summary>One guest step per boot; each script writes $RK_OUT/SCRIPT.json.</summary>
    public static IEnumerable<GuestScenario> GuestScenarios =>
    [
        new(PlainScenario, [RunStep(BuiltinScenarios.Plain)]),
        new(IommuScenario, [RunStep(BuiltinScenarios.Iommu)]) { Iommu = true },
    ];

    /// <summary>The real kernel's record of <paramref name="script"/>; throws with the guest step's output when there is none.</summary>
    public static async Task<ScenarioRecord> RealAsync(SimRealKernelGuests guests, string script)
    {
        var run = await RunAsync(guests, BuiltinScenarios.Iommu.Contains(script));
        return JsonSerializer.Deserialize(run.FileText(script + ".json"), ScenarioJson.Default.ScenarioRecord)
            ?? throw new InvalidOperationException($"{script}.json of the guest holds no record");
    }

    /// <summary>The guest step that ran the scripts of the plain or the IOMMU boot.</summary>
    public static Task<GuestStepResult> RunAsync(SimRealKernelGuests guests, bool iommu) =>
        guests.StepAsync(iommu ? IommuScenario : PlainScenario, Step);

    public static Task<SimulatedRuns> SimulatedAsync() => Simulated.Value;

    /// <summary>One step of a record, checked to be the operation the test expects (so a reordered script fails loudly).</summary>
    public static StepRecord At(this ScenarioRecord record, int index, string op)
    {
        var step = record.Steps.ElementAtOrDefault(index)
            ?? throw new InvalidOperationException($"{record.Target} record of {record.Script} has no step {index}");
        return step.Op == op ? step
            : throw new InvalidOperationException($"{record.Script} step {index} is '{step.Op}', not '{op}': update the test with the script");
    }

    /// <summary>A state value of a step; throws naming the keys when absent.</summary>
    public static string? Value(this StepRecord step, string key) =>
        step.State.TryGetValue(key, out var value) ? value
            : throw new KeyNotFoundException($"step {step.Index} '{step.Op}' recorded no '{key}'; it has: {string.Join(", ", step.State.Keys)}");

    /// <summary>
    /// Called when the assembly's real-kernel collection starts, so the simulator's runs (a few seconds) overlap the
    /// guests (or the wait for the tier's shared pass) instead of following them. Not a scenario's Prepare: the shared
    /// pass would run it in its own process for nothing.
    /// </summary>
    public static void StartSimulator() => _ = Simulated.Value;

    private static GuestStep RunStep(IReadOnlyList<string> scripts) =>
        new(Step, """dotnet "$SIM" scenario run --pf "$RK_PF_PCI" --out "$RK_OUT" $SCRIPTS""", TimeSpan.FromSeconds(240))
        {
            Environment = new Dictionary<string, string>
            {
                // This assembly's directory, not the process's: the tier's shared pass loads these scenarios too.
                ["SIM"] = RealKernelPaths.Discover().GuestVisible(Path.Combine(Path.GetDirectoryName(typeof(ScenarioRecords).Assembly.Location)!, "sriov-sim.dll")),
                ["SCRIPTS"] = string.Join(' ', scripts),
            },
        };

    private static async Task<SimulatedRuns> RunSimulatorAsync()
    {
        var records = new Dictionary<string, ScenarioRecord>(StringComparer.Ordinal);
        var rejections = new List<string>();
        var faults = new List<string>();
        var cleanup = new List<string>();
        foreach (var name in BuiltinScenarios.Names)
        {
            using var sim = SimScenarioTarget.Create("igb", iommu: BuiltinScenarios.Iommu.Contains(name));
            records[name] = await ScenarioRunner.RunAsync(BuiltinScenarios.Get(name), sim.Target, cleanup.Add);
            // A rejection the writer returned as the write's errno reached our code as the real kernel's would (numvfs-raw).
            rejections.AddRange(sim.Node.Rejections.Except(sim.Writer.Answered).Select(r => $"{name}: {r}"));
            faults.AddRange(sim.Node.Faults.Select(f => $"{name}: {f}"));
        }

        return new SimulatedRuns(records, rejections, faults, cleanup);
    }
}

/// <summary>The simulator's records and what went wrong inside it (nothing, when healthy).</summary>
internal sealed record SimulatedRuns(
    IReadOnlyDictionary<string, ScenarioRecord> Records,
    IReadOnlyList<string> Rejections,
    IReadOnlyList<string> Faults,
    IReadOnlyList<string> CleanupProblems);
