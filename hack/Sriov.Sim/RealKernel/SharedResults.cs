using System.Globalization;
using System.Text;
using Sriov.Host.Ownership;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// The results of one <c>sriov-sim realkernel prepare-all</c> pass (<see cref="PrepareAll"/>), which boots one plain
/// and one IOMMU guest for the scenarios of every test assembly before <c>dotnet test</c> reads them; the directory is
/// named by <c>$RK_RESULTS</c>, made fresh by hack/test.sh and hack/realkernel/test.sh for each run and removed after
/// it, so results are never reused across runs. Layout:
/// <list type="bullet">
/// <item><c>pid</c>: the pass's process (written by the script that starts it); waiting ends when it is gone.</item>
/// <item><c>manifest</c>: one line per scenario, "name plain|iommu fingerprint", written before the boots.</item>
/// <item><c>plain/</c>, <c>iommu/</c>: the kept run directories (<see cref="GuestShare"/>'s layout).</item>
/// <item><c>plain.result</c>, <c>iommu.result</c>: run.sh's exit code and wall time, written when the run ended.</item>
/// <item><c>error</c>: why the pass could not run at all.</item>
/// </list>
/// A test process (<see cref="RealKernelGuests"/>) takes a scenario's results only when the manifest has its name with
/// the same <see cref="GuestScenario.Fingerprint"/>; it boots its own guest for the others.
/// </summary>
public sealed class SharedResults
{
    /// <summary>The environment variable naming the results directory.</summary>
    public const string Variable = "RK_RESULTS";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>A test never waits longer than this for the pass (which is itself bounded by its script).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(30);

    public SharedResults(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The results of this run's pass, or null when <c>$RK_RESULTS</c> is not set (a test assembly run alone).</summary>
    public static SharedResults? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } dir ? new SharedResults(dir) : null;

    public static string Kind(bool iommu) => iommu ? "iommu" : "plain";

    public string RunDirectory(bool iommu) => Path.Combine(Directory, Kind(iommu));

    private string ResultFile(bool iommu) => Path.Combine(Directory, Kind(iommu) + ".result");

    private string ManifestFile => Path.Combine(Directory, "manifest");

    private string ErrorFile => Path.Combine(Directory, "error");

    /// <summary>Written by the pass before it boots: what it will answer.</summary>
    public void WriteManifest(IEnumerable<GuestScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        WriteAtomically(ManifestFile, string.Concat(scenarios.Select(s => $"{s.Name} {Kind(s.Iommu)} {s.Fingerprint}\n")));
    }

    /// <summary>Written by the pass when a guest's run ended (however it ended).</summary>
    public void WriteResult(GuestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        WriteAtomically(ResultFile(run.Options.Iommu), string.Create(CultureInfo.InvariantCulture,
            $"exit={run.RunnerExitCode}\nwall_ms={(long)run.Wall.TotalMilliseconds}\n") + "error=" + run.RunnerError.ReplaceLineEndings("\\n") + "\n");
    }

    /// <summary>Written by the pass when it cannot run at all (a test assembly that does not load, two scenarios with one name).</summary>
    public void WriteError(string message) => WriteAtomically(ErrorFile, message + "\n");

    /// <summary>
    /// The names of <paramref name="scenarios"/> the pass answers (same name, IOMMU and fingerprint); waits for its
    /// manifest. Throws when the pass failed or ended without writing one.
    /// </summary>
    public async Task<IReadOnlySet<string>> MatchAsync(IEnumerable<GuestScenario> scenarios, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var manifest = await WaitForAsync(ManifestFile, "its manifest", cancellationToken);
        var known = new HashSet<string>(manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return scenarios.Where(s => known.Contains($"{s.Name} {Kind(s.Iommu)} {s.Fingerprint}")).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The pass's run of the plain or IOMMU guest, read for <paramref name="steps"/> (a subset of what it ran); waits for it to end.</summary>
    public async Task<GuestRun> RunAsync(bool iommu, IReadOnlyList<GuestStep> steps, GuestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(options);
        var result = (await WaitForAsync(ResultFile(iommu), $"the result of its {Kind(iommu)} guest", cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var exit = int.Parse(result.GetValueOrDefault("exit", "1"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var wall = TimeSpan.FromMilliseconds(long.Parse(result.GetValueOrDefault("wall_ms", "0"), NumberStyles.None, CultureInfo.InvariantCulture));
        var error = result.GetValueOrDefault("error", "").Replace("\\n", "\n", StringComparison.Ordinal);
        return GuestShare.ReadRun(RunDirectory(iommu), options, steps, exit, error, wall);
    }

    private async Task<string> WaitForAsync(string file, string what, CancellationToken cancellationToken)
    {
        var pass = ReadPid();
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            if (File.Exists(file))
            {
                return await File.ReadAllTextAsync(file, cancellationToken);
            }

            if (File.Exists(ErrorFile))
            {
                throw new InvalidOperationException(
                    $"the real-kernel pass (sriov-sim realkernel prepare-all, results in {Directory}) failed: {File.ReadAllText(ErrorFile).Trim()}");
            }

            if (!System.IO.Directory.Exists($"/proc/{pass}") && !File.Exists(file))
            {
                throw new InvalidOperationException(
                    $"the real-kernel pass (pid {pass}, results in {Directory}) ended without writing {what}; see its log (prepare.log there, " +
                    "or the output of hack/test.sh)");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the real-kernel pass (pid {pass}, results in {Directory}) did not write {what} within {MaxWait}");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private int ReadPid()
    {
        var path = Path.Combine(Directory, "pid");
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : throw new InvalidOperationException(
                $"${Variable} names {Directory}, which has no pid file of a real-kernel pass; unset {Variable} to boot this assembly's own guests, " +
                "or start the pass as hack/realkernel/test.sh does");
    }

    private static void WriteAtomically(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(text), durable: false);
    }
}
