using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// The guest runs the host's own binaries in its chroot: a .NET program this test publishes (as later tiers publish
/// our CNI, device plugin and config daemon) and Debian's CNI plugins, against the guest's real sysfs.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class HostBinaryTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "host-binary";
    private const string PublishName = "sriov-sim";

    private static string PublishedSim => Path.Combine(RealKernelPaths.Discover().PublishDirectory, PublishName, "sriov-sim.dll");

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("dotnet", """
                dotnet "$SIM" help
                echo "exit=$?"
                """, TimeSpan.FromSeconds(120)) { Environment = new Dictionary<string, string> { ["SIM"] = PublishedSim } },
            new GuestStep("cni-plugin", """
                CNI_COMMAND=VERSION /usr/lib/cni/host-local </dev/null
                """),
        ])
        {
            Prepare = async ct =>
            {
                var paths = RealKernelPaths.Discover();
                await new DotnetPublisher(paths).PublishAsync("hack/Sriov.Sim/Sriov.Sim.csproj", PublishName, cancellationToken: ct);
            },
        },
    ];

    [Fact]
    public async Task A_dotnet_program_published_by_the_test_runs_in_the_guest()
    {
        var run = await guests.StepAsync(Scenario, "dotnet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: sriov-sim <command>", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("0", run.Value("exit"));
    }

    [Fact]
    public async Task Debians_cni_plugins_run_in_the_guest()
    {
        var run = await guests.StepAsync(Scenario, "cni-plugin");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"supportedVersions\"", run.Stdout, StringComparison.Ordinal);
    }
}
