namespace Sriov.Sim.Tests.Support;

/// <summary>Finds files of the repository (test data, deploy/ manifests) from the test binary's directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sriov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Sriov.sln above {AppContext.BaseDirectory}");
    }
}
