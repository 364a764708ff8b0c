using System.Reflection;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// The shared boots of a test assembly: every scenario that the assembly's <see cref="IRealKernelScenarios"/> types
/// contribute runs in one plain guest or one guest with an emulated IOMMU, booted in parallel on first use. Use it as
/// an xUnit collection fixture (derive a class with a parameterless constructor that passes its own assembly), so
/// the whole assembly's real-kernel tests cost at most two boots.
/// </summary>
public class RealKernelGuests : IDisposable
{
    private readonly RealKernelGuest _guest;
    private readonly GuestOptions _options;
    private readonly Dictionary<string, GuestScenario> _byName;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private Task<GuestRun>? _plain;
    private Task<GuestRun>? _iommu;

    /// <summary>Scenarios from <paramref name="scenarioAssembly"/>, guests for the repository these binaries came from.</summary>
    protected RealKernelGuests(Assembly scenarioAssembly)
        : this(RealKernelGuest.Discover(), ScenarioDiscovery.FromAssembly(scenarioAssembly))
    {
    }

    public RealKernelGuests(RealKernelGuest guest, IEnumerable<GuestScenario> scenarios, GuestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(scenarios);
        _guest = guest;
        _options = options ?? new GuestOptions();
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

    /// <summary>The run of the guest with (or without) an IOMMU; the first call starts both boots.</summary>
    public Task<GuestRun> RunAsync(bool iommu)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _plain ??= Scenarios.Any(s => !s.Iommu) ? BootAsync(iommu: false) : null;
            _iommu ??= Scenarios.Any(s => s.Iommu) ? BootAsync(iommu: true) : null;
            return (iommu ? _iommu : _plain)
                ?? throw new InvalidOperationException($"no scenario of this assembly needs a guest {(iommu ? "with" : "without")} an IOMMU");
        }
    }

    /// <summary>The result of <paramref name="step"/> of <paramref name="scenario"/>, from whichever guest ran it.</summary>
    public async Task<GuestStepResult> StepAsync(string scenario, string step)
    {
        if (!_byName.TryGetValue(scenario, out var s))
        {
            throw new KeyNotFoundException($"no guest scenario '{scenario}'; known: {string.Join(", ", _byName.Keys)}");
        }

        var run = await RunAsync(s.Iommu);
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

        Task[] running;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            running = new[] { _plain, _iommu }.OfType<Task>().ToArray();
        }

        // Cancelling kills the guests' process trees; wait so no QEMU outlives the test run.
        try
        {
            Task.WaitAll(running, TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // A cancelled or failed boot was already reported to the tests that awaited it.
        }

        _disposed.Dispose();
    }

    private Task<GuestRun> BootAsync(bool iommu) => Task.Run(async () =>
    {
        var scenarios = Scenarios.Where(s => s.Iommu == iommu).ToList();
        foreach (var s in scenarios.Where(s => s.Prepare is not null))
        {
            await s.Prepare!(_disposed.Token);
        }

        // Prepared (published) first, then wait for a machine-wide boot slot, so publishing overlaps other guests.
        using var slot = await GuestSlots.AcquireAsync(_disposed.Token);
        return await _guest.RunAsync(GuestBatch.Flatten(scenarios), _options with { Iommu = iommu }, _disposed.Token);
    });
}
