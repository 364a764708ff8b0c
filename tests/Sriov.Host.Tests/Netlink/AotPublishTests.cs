using System.Diagnostics;
using Sriov.Host.Tests.Namespaces;

namespace Sriov.Host.Tests.Netlink;

/// <summary>
/// Publishes <c>hack/aotcheck</c> (a program calling every public netlink, netns, lock and VF-control API) with
/// NativeAOT and requires zero trim/AOT warnings, then runs the native binary's self-test in a temporary namespace:
/// this is what the NativeAOT CNI and device plugin link against. In the Netns collection because the self-test
/// creates namespaces and the publish is heavy enough not to run beside other tests.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class AotPublishTests
{
    [Fact]
    public void The_host_networking_apis_publish_with_nativeaot_without_warnings_and_run()
    {
        var repo = FindRepositoryRoot();
        var output = Directory.CreateTempSubdirectory("s4-aot-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "publish", Path.Combine(repo, "hack/aotcheck/AotCheck.csproj"), "-c", "Release", "-p:PublishAot=true",
                    "-o", output, "--nologo", "-clp:NoSummary", "-p:TreatWarningsAsErrors=false",
                },
            };
            var (exit, stdout, stderr) = Shell.Run(start);

            var log = stdout + stderr;
            Assert.True(exit == 0, "publish failed:\n" + log);
            var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(warnings.Count == 0, "publish warnings:\n" + string.Join('\n', warnings));

            var run = Shell.Run(Path.Combine(output, "sriov-host-aotcheck"), "selftest");
            Assert.True(run.Exit == 0 && run.Out.Trim() == "ok", $"self-test failed ({run.Exit}):\n{run.Out}{run.Err}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sriov.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Sriov.sln not found above " + AppContext.BaseDirectory);
    }
}
