using System.Reflection;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// The guest runs behind a test assembly's real-kernel scenarios (the assembly's <see cref="IRealKernelScenarios"/>
/// types). When the tier's shared pass ran (<c>$RK_RESULTS</c>, <see cref="SharedResults"/>), a scenario it answers
/// with the same fingerprint is read from its results; every other scenario runs in this assembly's own plain or
/// IOMMU guest, booted in parallel on first use (so one assembly run alone still tests for real). Use it as an xUnit
/// collection fixture (derive a class with a parameterless constructor that passes its own assembly).
/// </summary>
public class RealKernelGuests : IDisposable
{
    private readonly RealKernelGuest _guest;
    private readonly GuestOptions _options;
    private readonly SharedResults? _shared;
    private readonly Dictionary<string, GuestScenario> _byName;
    private readonly Dictionary<string, Task> _preparations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private Task<Dictionary<string, Task<GuestRun>>>? _runs;

    /// <summary>Scenarios from <paramref name="scenarioAssembly"/>, guests for the repository these binaries came from.</summary>
    protected RealKernelGuests(Assembly scenarioAssembly)
        : this(RealKernelGuest.Discover(), ScenarioDiscovery.FromAssembly(scenarioAssembly), shared: SharedResults.FromEnvironment())
    {
    }

    public RealKernelGuests(RealKernelGuest guest, IEnumerable<GuestScenario> scenarios, GuestOptions? options = null, SharedResults? shared = null)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(scenarios);
        _guest = guest;
        _options = options ?? new GuestOptions();
        _shared = shared;
        Scenarios = scenarios.ToList();
        _byName = new Dictionary<string, GuestScenario>(StringComparer.Ordinal);
        foreach (var s in Scenarios)
        {
            if (!_byName.TryAdd(s.Name, s))
            {
                throw new ArgumentException($"two guest scenarios are named '{s.Name}'", nameof(scenarios));
            }
        }
    }

    public IReadOnlyList<GuestScenario> Scenarios { get; }

    public RealKernelGuest Guest => _guest;

    /// <summary>The guest run that ran <paramref name="scenario"/> (holding this assembly's steps of it); the first call starts every run.</summary>
    public async Task<GuestRun> RunOfAsync(string scenario)
    {
        if (!_byName.ContainsKey(scenario))
        {
            throw new KeyNotFoundException($"no guest scenario '{scenario}'; known: {string.Join(", ", _byName.Keys)}");
        }

        Task<Dictionary<string, Task<GuestRun>>> runs;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            runs = _runs ??= Task.Run(StartAsync);
        }

        return await (await runs)[scenario];
    }

    /// <summary>The result of <paramref name="step"/> of <paramref name="scenario"/>, from whichever guest ran it.</summary>
    public async Task<GuestStepResult> StepAsync(string scenario, string step)
    {
        var run = await RunOfAsync(scenario);
        Task? preparation;
        lock (_gate)
        {
            _preparations.TryGetValue(scenario, out preparation);
        }

        if (preparation is { IsFaulted: true })
        {
            await preparation; // the publish's own error, not the guest's "step not run"
        }

        return run.Step($"{scenario}/{step}");
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Task? runs;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            runs = _runs;
        }

        // Cancelling kills the guests' process trees; wait so no QEMU outlives the test run.
        try
        {
            if (runs is not null && runs.Wait(TimeSpan.FromSeconds(30)))
            {
                Task.WaitAll(_runs!.Result.Values.Distinct().ToArray<Task>(), TimeSpan.FromSeconds(30));
            }
        }
        catch (AggregateException)
        {
            // A cancelled or failed boot was already reported to the tests that awaited it.
        }

        _disposed.Dispose();
    }

    /// <summary>Which scenarios the shared pass answers; one own boot per kind (plain, IOMMU) for the rest.</summary>
    private async Task<Dictionary<string, Task<GuestRun>>> StartAsync()
    {
        var answered = _shared is null ? new HashSet<string>() : await _shared.MatchAsync(Scenarios, _disposed.Token);
        var runs = new Dictionary<string, Task<GuestRun>>(StringComparer.Ordinal);
        foreach (var iommu in new[] { false, true })
        {
            var options = _options with { Iommu = iommu };
            var shared = Scenarios.Where(s => s.Iommu == iommu && answered.Contains(s.Name)).ToList();
            if (shared.Count > 0)
            {
                var read = _shared!.RunAsync(iommu, GuestBatch.Flatten(shared), options, _disposed.Token);
                shared.ForEach(s => runs[s.Name] = read);
            }

            var own = Scenarios.Where(s => s.Iommu == iommu && !answered.Contains(s.Name)).ToList();
            if (own.Count > 0)
            {
                var boot = BootAsync(own, options);
                own.ForEach(s => runs[s.Name] = boot);
            }
        }

        return runs;
    }

    private Task<GuestRun> BootAsync(List<GuestScenario> scenarios, GuestOptions options) => Task.Run(async () =>
    {
        // Preparations (publishes) run beside the boot; their scenarios' steps wait for them in the guest.
        var preparations = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var s in scenarios.Where(s => s.Prepare is not null))
        {
            preparations[s.Name] = Task.Run(() => s.Prepare!(_disposed.Token));
        }

        lock (_gate)
        {
            foreach (var (name, task) in preparations)
            {
                _preparations[name] = task;
            }
        }

        using var slot = await GuestSlots.AcquireAsync(_disposed.Token);
        return await _guest.RunAsync(GuestBatch.Flatten(scenarios), options, preparations, cancellationToken: _disposed.Token);
    });
}
