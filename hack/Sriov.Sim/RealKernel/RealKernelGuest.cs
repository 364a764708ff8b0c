using System.Diagnostics;
using System.Globalization;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// Boots Debian's kernel in QEMU 10 with an emulated igb SR-IOV NIC (hack/realkernel, docs/testing.md) and runs a
/// batch of steps in it. Each call is one boot; batch many steps (or scenarios, see <see cref="RealKernelGuests"/>)
/// into one call, since a boot costs several seconds of CPU. Needs root.
/// </summary>
public sealed class RealKernelGuest
{
    /// <summary>setup.sh from nothing takes ~10 s on a fast mirror; allow for a slow one.</summary>
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Per step on top of its own timeout: the guest's TERM-then-KILL and writing the results over 9p.</summary>
    private static readonly TimeSpan StepOverhead = TimeSpan.FromSeconds(5);

    private readonly Lazy<Task> _setup;

    public RealKernelGuest(RealKernelPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Paths = paths;
        _setup = new Lazy<Task>(() => RunSetupAsync());
    }

    public RealKernelPaths Paths { get; }

    /// <summary>A guest for the repository these binaries were built from (<see cref="RealKernelPaths.Discover"/>).</summary>
    public static RealKernelGuest Discover() => new(RealKernelPaths.Discover());

    /// <summary>Runs hack/realkernel/setup.sh once for this instance (idempotent, a few ms when already prepared).</summary>
    public Task EnsurePreparedAsync(CancellationToken cancellationToken = default) => _setup.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// Boots one guest, runs <paramref name="steps"/> in order and returns their results. Never throws for what
    /// happens inside the guest: a step that fails has a non-zero exit code, and a guest that could not boot or was
    /// killed leaves <see cref="GuestRun.Completed"/> false with the reason in <see cref="GuestRun.Diagnostics"/>.
    /// </summary>
    /// <param name="steps">The steps, in order.</param>
    /// <param name="options">How to boot.</param>
    /// <param name="preparations">
    /// Host-side work, by scenario name, whose end the guest waits for (<see cref="GuestBatch"/>'s "_prepared" steps):
    /// each is reported in the run's share when it completes, so it runs alongside the boot.
    /// </param>
    /// <param name="runDirectory">Where to keep the run (it is then not deleted); by default a fresh directory under runs/, deleted after.</param>
    /// <param name="cancellationToken">Kills the guest.</param>
    public async Task<GuestRun> RunAsync(
        IReadOnlyList<GuestStep> steps, GuestOptions? options = null, IReadOnlyDictionary<string, Task>? preparations = null,
        string? runDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        options ??= new GuestOptions();
        var stepTime = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Timeout + StepOverhead);
        var timeout = options.BootTimeout + stepTime;
        var keep = runDirectory is not null || options.KeepRunDirectory || Environment.GetEnvironmentVariable("RK_KEEP") == "1";
        var runDir = runDirectory is not null
            ? Path.GetFullPath(runDirectory)
            : Path.Combine(Paths.RunsDirectory, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}")[..24]);
        // Validate before any work, so a bad option fails fast with its own message.
        var arguments = RunArguments.Build(runDir, options, timeout);
        var stepLibrary = Paths.GuestVisible(Path.Combine(Paths.ScriptsDirectory, GuestShare.StepLibrary));

        await EnsurePreparedAsync(cancellationToken);
        Directory.CreateDirectory(GuestShare.ShareDirectory(runDir));
        try
        {
            GuestShare.WriteSteps(runDir, steps, stepLibrary);
            foreach (var (scenario, preparation) in preparations ?? new Dictionary<string, Task>())
            {
                _ = GuestShare.ReportPreparedAsync(runDir, scenario, preparation);
            }

            var started = Stopwatch.GetTimestamp();
            ChildProcessResult result;
            try
            {
                // run.sh enforces the timeout itself (and kills QEMU); the extra minute only catches a stuck run.sh.
                result = await ChildProcess.RunAsync(
                    Path.Combine(Paths.ScriptsDirectory, "run.sh"), arguments, timeout + TimeSpan.FromMinutes(1), cancellationToken,
                    Paths.RepositoryRoot);
            }
            finally
            {
                KillLeftoverQemu(runDir);
            }

            var run = GuestShare.ReadRun(
                runDir, options, steps, result.TimedOut ? 124 : result.ExitCode,
                result.TimedOut ? $"run.sh did not finish within {timeout + TimeSpan.FromMinutes(1)} and was killed. {result.Stderr}" : result.Stderr,
                Stopwatch.GetElapsedTime(started));
            AppendRunLog(run);
            return run;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(runDir, recursive: true);
            }
        }
    }

    private async Task RunSetupAsync()
    {
        var result = await ChildProcess.RunAsync(
            Path.Combine(Paths.ScriptsDirectory, "setup.sh"), [], SetupTimeout, CancellationToken.None, Paths.RepositoryRoot);
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"hack/realkernel/setup.sh failed (exit {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}); " +
                $"run it by hand to see why: {result.Stderr.Trim()}");
        }
    }

    /// <summary>
    /// run.sh kills its QEMU on exit, but when run.sh itself was killed the QEMU named in the run's pidfile is killed
    /// here. Only a process whose command line names this run directory: a recycled PID is left alone.
    /// </summary>
    private static void KillLeftoverQemu(string runDir)
    {
        var pidFile = Path.Combine(runDir, "qemu.pid");
        if (!File.Exists(pidFile) ||
            !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            if (cmdline.Contains(runDir + "/", StringComparison.Ordinal))
            {
                using var qemu = Process.GetProcessById(pid);
                qemu.Kill();
                qemu.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void AppendRunLog(GuestRun run)
    {
        Directory.CreateDirectory(Paths.WorkDirectory);
        File.AppendAllText(Paths.RunLog,
            string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {run.Summary()}\n"));
    }
}
