namespace Sriov.Sim.RealKernel;

/// <summary>
/// Where the real-kernel tier's scripts and cache are: hack/realkernel in the repository, and the git-ignored
/// .work/realkernel (or $RK_WORK, as hack/realkernel/lib.sh reads it) for QEMU, the kernel, runs and published binaries.
/// </summary>
public sealed class RealKernelPaths
{
    /// <summary>Host directories the guest covers with its own mounts: a host path under them is not what the guest sees.</summary>
    private static readonly string[] GuestMasked = ["/tmp", "/run", "/var/run", "/proc", "/sys", "/dev"];

    public RealKernelPaths(string repositoryRoot, string? workDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        ScriptsDirectory = Path.Combine(RepositoryRoot, "hack", "realkernel");
        WorkDirectory = Path.GetFullPath(workDirectory ?? Path.Combine(RepositoryRoot, ".work", "realkernel"));
    }

    public string RepositoryRoot { get; }

    /// <summary>hack/realkernel: setup.sh, run.sh, steplib.bash.</summary>
    public string ScriptsDirectory { get; }

    /// <summary>The tier's cache (QEMU, kernel, initramfs) and scratch space.</summary>
    public string WorkDirectory { get; }

    /// <summary>One directory per guest boot (removed after the run unless kept).</summary>
    public string RunsDirectory => Path.Combine(WorkDirectory, "runs");

    /// <summary>Where <see cref="DotnetPublisher"/> puts binaries; the guest sees them at the same path.</summary>
    public string PublishDirectory => Path.Combine(WorkDirectory, "publish");

    /// <summary>Each finished run appends its <see cref="GuestRun.Summary"/> here (hack/realkernel/test.sh prints it).</summary>
    public string RunLog => Path.Combine(WorkDirectory, "runs.log");

    /// <summary>
    /// The repository this code runs from: $SRIOV_REPO_ROOT, else the nearest directory above the test binaries that
    /// holds Sriov.sln. The work directory is $RK_WORK when set.
    /// </summary>
    public static RealKernelPaths Discover()
    {
        var work = Environment.GetEnvironmentVariable("RK_WORK");
        var root = Environment.GetEnvironmentVariable("SRIOV_REPO_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            return new RealKernelPaths(root, string.IsNullOrEmpty(work) ? null : work);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sriov.sln")))
            {
                return new RealKernelPaths(dir.FullName, string.IsNullOrEmpty(work) ? null : work);
            }
        }

        throw new DirectoryNotFoundException(
            $"no Sriov.sln above {AppContext.BaseDirectory}; set SRIOV_REPO_ROOT to the repository the real-kernel tier runs from");
    }

    /// <summary>
    /// Returns the absolute path, which the guest sees unchanged through its read-only view of the host's root; throws
    /// when the path lies where the guest mounts its own file systems (/tmp, /run, /proc, /sys, /dev). The repository
    /// is always visible, even when checked out under /tmp (run.sh binds it back).
    /// </summary>
    public string GuestVisible(string hostPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        var full = Path.GetFullPath(hostPath);
        if (IsUnder(full, RepositoryRoot))
        {
            return full;
        }

        foreach (var masked in GuestMasked)
        {
            if (IsUnder(full, masked))
            {
                throw new ArgumentException(
                    $"{full} is under {masked}, which the real-kernel guest replaces with its own; put it under the repository " +
                    "(e.g. .work/realkernel/publish) so the guest sees it through the host root share", nameof(hostPath));
            }
        }

        return full;
    }

    private static bool IsUnder(string path, string directory) =>
        path == directory || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}
