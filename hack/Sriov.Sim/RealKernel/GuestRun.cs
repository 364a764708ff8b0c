using System.Globalization;

namespace Sriov.Sim.RealKernel;

/// <summary>One boot of the real-kernel guest: per-step results, the console, the kernel log and the costs.</summary>
public sealed class GuestRun
{
    private readonly Dictionary<string, GuestStepResult> _byName;

    public GuestRun(GuestOptions options, IReadOnlyList<GuestStepResult> steps, GuestBootInfo boot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(boot);
        Options = options;
        Steps = steps;
        Boot = boot;
        _byName = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public GuestOptions Options { get; }

    public IReadOnlyList<GuestStepResult> Steps { get; }

    public GuestBootInfo Boot { get; }

    /// <summary>The guest powered off after running every step.</summary>
    public bool Completed { get; init; }

    /// <summary>run.sh's exit code: 0 done, 124 timed out, 3 boot error (see hack/realkernel/run.sh).</summary>
    public int RunnerExitCode { get; init; }

    /// <summary>What run.sh said on stderr (why the guest did not complete, with the console's tail).</summary>
    public string RunnerError { get; init; } = "";

    /// <summary>What guest/init could not do before the steps (a module, a mount, the PF).</summary>
    public string BootErrors { get; init; } = "";

    /// <summary>The guest's serial console.</summary>
    public string Console { get; init; } = "";

    /// <summary>The guest kernel's log after the last step.</summary>
    public string Dmesg { get; init; } = "";

    /// <summary>Host wall time from starting run.sh to QEMU's exit.</summary>
    public TimeSpan Wall { get; init; }

    /// <summary>QEMU's peak resident set (when /usr/bin/time is installed).</summary>
    public long? QemuMaxRssKiB { get; init; }

    /// <summary>The result of the step named <paramref name="name"/>; throws with the reason when the guest did not run it.</summary>
    public GuestStepResult Step(string name)
    {
        if (!_byName.TryGetValue(name, out var step))
        {
            throw new KeyNotFoundException(
                $"this guest run has no step '{name}'; its steps are: {string.Join(", ", _byName.Keys)}");
        }

        if (!step.Ran)
        {
            throw new InvalidOperationException($"the guest did not run step '{name}'. {Diagnostics()}");
        }

        return step;
    }

    /// <summary>Why a run went wrong: runner and boot errors and the end of the console.</summary>
    public string Diagnostics()
    {
        var tail = Console.Split('\n').TakeLast(40);
        return $"run.sh exit {RunnerExitCode}; completed: {Completed}; boot errors: {(BootErrors.Length == 0 ? "none" : BootErrors.Trim())}; " +
               $"run.sh said: {(RunnerError.Length == 0 ? "nothing" : RunnerError.Trim())}\nconsole (last 40 lines):\n{string.Join('\n', tail)}";
    }

    /// <summary>One line of costs for logs: boot, steps, wall time and memory.</summary>
    public string Summary()
    {
        static string S(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "?";
        var rss = QemuMaxRssKiB is { } k ? (k / 1024).ToString(CultureInfo.InvariantCulture) + " MiB" : "?";
        return $"guest{(Options.Iommu ? " (iommu)" : "")} kernel {Boot.Kernel}: /init at {S(Boot.Init)}, carrier at {S(Boot.Carrier)}, " +
               $"{Steps.Count(s => s.Ran)}/{Steps.Count} steps, power-off at {S(Boot.End)} guest uptime; " +
               $"wall {S(Wall)}, QEMU max RSS {rss}, completed {Completed}";
    }
}
