using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.Support;

/// <summary>Files of the repository (test data, deploy/ manifests), found from the test binaries as the real-kernel
/// tier finds its repository ($SRIOV_REPO_ROOT, else the nearest directory holding Sriov.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = RealKernelPaths.Discover().RepositoryRoot;

    public static string Of(string relative) => Path.Combine(Root, relative);
}
