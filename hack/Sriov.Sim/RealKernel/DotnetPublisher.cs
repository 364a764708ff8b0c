using System.Text.RegularExpressions;

namespace Sriov.Sim.RealKernel;

/// <summary>
/// Publishes one of the repository's projects where the real-kernel guest can run it: under
/// .work/realkernel/publish/NAME, which the guest sees at the same absolute path through its read-only view of the
/// host's root. A step then runs it directly (self-contained or NativeAOT output) or with the host's
/// <c>dotnet</c> (framework-dependent output), against the guest's real sysfs and igb PF.
/// </summary>
public sealed partial class DotnetPublisher
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly RealKernelPaths _paths;

    public DotnetPublisher(RealKernelPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths;
    }

    /// <summary>
    /// Runs <c>dotnet publish PROJECT -c Release -o .work/realkernel/publish/NAME [extra arguments]</c> and returns the
    /// output directory. <paramref name="project"/> is relative to the repository root (e.g. cni/Sriov.Cni/Sriov.Cni.csproj).
    /// Throws with dotnet's output when the publish fails.
    /// </summary>
    public async Task<string> PublishAsync(
        string project, string name, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(project);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"publish name '{name}' must be one path segment of letters, digits, '.', '_' or '-'", nameof(name));
        }

        var projectPath = Path.GetFullPath(Path.Combine(_paths.RepositoryRoot, project));
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"no project {projectPath} to publish for the real-kernel guest", projectPath);
        }

        var output = _paths.GuestVisible(Path.Combine(_paths.PublishDirectory, name));
        var arguments = new List<string> { "publish", projectPath, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" };
        arguments.AddRange(extraArguments ?? []);
        // Publishes share obj/ directories with each other (two projects referencing Sriov.Host) and with builds of
        // the same project in other test processes, so they take turns across processes.
        ChildProcessResult result;
        using (await PublishLock.AcquireAsync(Path.Combine(_paths.WorkDirectory, "publish.lock"), PublishTimeout, cancellationToken))
        {
            result = await ChildProcess.RunAsync("dotnet", arguments, PublishTimeout, cancellationToken, _paths.RepositoryRoot);
        }

        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish {project} for the real-kernel guest failed (exit {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}):\n" +
                $"{result.Stdout}\n{result.Stderr}");
        }

        return output;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
