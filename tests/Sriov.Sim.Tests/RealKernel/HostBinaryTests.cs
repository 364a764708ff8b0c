using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// The guest runs the host's own binaries in its chroot: Debian's CNI plugins here, against the guest's real sysfs.
/// That .NET programs run there too is shown by every boot's scenario step (<see cref="Scenarios.ScenarioRecords"/>:
/// this test build's own <c>sriov-sim.dll</c> under the host's <c>dotnet</c>) and by the other assemblies' published
/// binaries (CNI, device plugin), so this scenario publishes nothing: a publish takes the machine-wide publish lock and
/// would hold this assembly's boot back behind theirs.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class HostBinaryTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "host-binary";

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("cni-plugin", """
                CNI_COMMAND=VERSION /usr/lib/cni/host-local </dev/null
                """),
        ]),
    ];

    [Fact]
    public async Task Debians_cni_plugins_run_in_the_guest()
    {
        var run = await guests.StepAsync(Scenario, "cni-plugin");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"supportedVersions\"", run.Stdout, StringComparison.Ordinal);
    }
}
