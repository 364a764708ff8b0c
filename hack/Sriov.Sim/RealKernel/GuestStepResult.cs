using System.Text;

namespace Sriov.Sim.RealKernel;

/// <summary>What one guest step did: its exit code, output, duration and the files it left in <c>$RK_OUT</c>.</summary>
public sealed class GuestStepResult
{
    public GuestStepResult(
        GuestStep step, int? exitCode, string stdout, string stderr, TimeSpan duration, IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(step);
        Step = step;
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        Duration = duration;
        Files = files;
        Values = ParseValues(stdout);
    }

    public GuestStep Step { get; }

    public string Name => Step.Name;

    /// <summary>Null when the guest never finished the step (it did not boot, or the run was killed).</summary>
    public int? ExitCode { get; }

    public bool Ran => ExitCode is not null;

    /// <summary>The guest's timeout killed the step (TERM gives 143, the KILL that follows 137).</summary>
    public bool TimedOut => ExitCode is 124 or 137 or 143 && Duration >= Step.Timeout - TimeSpan.FromMilliseconds(100);

    public string Stdout { get; }

    public string Stderr { get; }

    /// <summary>Measured in the guest from /proc/uptime, so 10 ms resolution.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Files under <c>$RK_OUT</c>, by path relative to it ('/'-separated).</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The <c>key=value</c> lines of stdout (the steplib.bash helpers print them); a later line wins.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The value printed for <paramref name="key"/>; throws with the step's output when it was not printed.</summary>
    public string Value(string key) =>
        Values.TryGetValue(key, out var value)
            ? value
            : throw new KeyNotFoundException($"guest step '{Name}' printed no '{key}=' line. {Describe()}");

    /// <summary>A file the step wrote to <c>$RK_OUT</c>, as UTF-8 text.</summary>
    public string FileText(string relativePath) =>
        Files.TryGetValue(relativePath, out var bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw new FileNotFoundException(
                $"guest step '{Name}' left no '{relativePath}' in $RK_OUT (it left: {string.Join(", ", Files.Keys.Order(StringComparer.Ordinal))}). {Describe()}");

    /// <summary>Exit code, duration and output, for assertion messages.</summary>
    public string Describe() =>
        $"exit {(ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (not run)")} in {Duration.TotalMilliseconds:0} ms; " +
        $"stdout:\n{Stdout}\nstderr:\n{Stderr}";

    public override string ToString() => $"{Name}: {Describe()}";

    private static Dictionary<string, string> ParseValues(string stdout)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !line.AsSpan(0, eq).ContainsAny(" \t"))
            {
                values[line[..eq]] = line[(eq + 1)..].TrimEnd('\r');
            }
        }

        return values;
    }
}
