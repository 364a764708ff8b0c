namespace Sriov.Operator.Tests.Fixtures;

/// <summary>Paths inside the repository checkout the tests run from.</summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "deploy", "samples");

    public static string Golden => Path.Combine(Root, "tests", "Sriov.Operator.Tests", "Networks", "Golden");

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
