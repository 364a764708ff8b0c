using System.Globalization;
using System.Text;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// The layout of a run directory, shared with hack/realkernel/run.sh and guest/init: the steps go in
/// <c>share/steps/NNN/{script,timeout,name}</c>; the guest answers in <c>NNN/{stdout,stderr,exit,duration_ms,out/}</c>
/// and <c>share/{boot.txt,boot-errors,dmesg.txt,done}</c>; run.sh adds <c>console.log</c> and <c>qemu.rusage</c>.
/// </summary>
internal static class GuestShare
{
    public const string StepLibrary = "steplib.bash";

    public static string ShareDirectory(string runDirectory) => Path.Combine(runDirectory, "share");

    private static string StepDirectory(string runDirectory, int index) =>
        Path.Combine(ShareDirectory(runDirectory), "steps", (index + 1).ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>Writes the steps in order; <paramref name="stepLibrary"/> is the host path every script sources.</summary>
    public static void WriteSteps(string runDirectory, IReadOnlyList<GuestStep> steps, string stepLibrary)
    {
        if (steps.Count > 999)
        {
            throw new ArgumentException($"a guest run takes at most 999 steps, got {steps.Count}", nameof(steps));
        }

        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two guest steps are named '{duplicate.Key}'", nameof(steps));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var dir = StepDirectory(runDirectory, i);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "name"), steps[i].Name + "\n");
            File.WriteAllText(Path.Combine(dir, "timeout"),
                ((int)Math.Ceiling(steps[i].Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "\n");
            File.WriteAllText(Path.Combine(dir, "script"), Script(steps[i], stepLibrary));
        }
    }

    /// <summary>The script file: the step library sourced, the environment exported, then the step's own script.</summary>
    public static string Script(GuestStep step, string stepLibrary)
    {
        var text = new StringBuilder();
        text.Append("# guest step '").Append(step.Name).Append("'\n");
        text.Append("source ").Append(Quote(stepLibrary)).Append('\n');
        foreach (var (name, value) in step.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }

        text.Append(step.Script);
        if (!step.Script.EndsWith('\n'))
        {
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A bash single-quoted word for any string.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Writes <see cref="GuestBatch.PreparedMarker"/> of <paramref name="scenario"/> when <paramref name="preparation"/>
    /// ends: "ok", or "failed: " and the first line of its error. Never throws: the run may be over (and its directory
    /// gone) by then, and the test that needs the preparation gets its error from the task itself.
    /// </summary>
    public static async Task ReportPreparedAsync(string runDirectory, string scenario, Task preparation)
    {
        string status;
        try
        {
            await preparation;
            status = "ok";
        }
        catch (Exception e)
        {
            status = "failed: " + e.Message.Split('\n')[0];
        }

        try
        {
            var marker = Path.Combine(ShareDirectory(runDirectory), GuestBatch.PreparedMarker(scenario));
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            var temporary = marker + ".tmp";
            await File.WriteAllTextAsync(temporary, status + "\n");
            File.Move(temporary, marker, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run has ended and its directory was removed.
        }
    }

    /// <summary>Reads what the guest and run.sh left in the run directory.</summary>
    public static GuestRun ReadRun(
        string runDirectory, GuestOptions options, IReadOnlyList<GuestStep> steps, int runnerExitCode, string runnerError, TimeSpan wall)
    {
        var share = ShareDirectory(runDirectory);
        // By name, not position: a run shared between test processes (SharedResults) is read for a subset of its steps.
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var stepsDirectory = Path.Combine(share, "steps");
        if (Directory.Exists(stepsDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(stepsDirectory))
            {
                byName.TryAdd(ReadText(Path.Combine(dir, "name")).TrimEnd('\n'), dir);
            }
        }

        var results = steps.Select(step => ReadStep(byName.GetValueOrDefault(step.Name, Path.Combine(stepsDirectory, "missing")), step)).ToList();
        var boot = GuestBootInfo.Parse(ReadText(Path.Combine(share, "boot.txt")), ReadText(Path.Combine(share, "done")));
        return new GuestRun(options, results, boot)
        {
            Completed = File.Exists(Path.Combine(share, "done")),
            RunnerExitCode = runnerExitCode,
            RunnerError = runnerError,
            BootErrors = ReadText(Path.Combine(share, "boot-errors")),
            Console = ReadText(Path.Combine(runDirectory, "console.log")),
            Dmesg = ReadText(Path.Combine(share, "dmesg.txt")),
            Wall = wall,
            QemuMaxRssKiB = ParseMaxRss(ReadText(Path.Combine(runDirectory, "qemu.rusage"))),
        };
    }

    /// <summary>GNU time's "%M %e" line: the first number is the peak RSS in KiB.</summary>
    public static long? ParseMaxRss(string rusage)
    {
        var first = rusage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
    }

    private static GuestStepResult ReadStep(string dir, GuestStep step)
    {
        var exitText = ReadText(Path.Combine(dir, "exit")).Trim();
        int? exit = int.TryParse(exitText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;
        var ms = long.TryParse(ReadText(Path.Combine(dir, "duration_ms")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var outDir = Path.Combine(dir, "out");
        if (Directory.Exists(outDir))
        {
            foreach (var file in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(outDir, file).Replace(Path.DirectorySeparatorChar, '/')] = File.ReadAllBytes(file);
            }
        }

        return new GuestStepResult(
            step, exit, ReadText(Path.Combine(dir, "stdout")), ReadText(Path.Combine(dir, "stderr")), TimeSpan.FromMilliseconds(ms), files);
    }

    private static string ReadText(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
