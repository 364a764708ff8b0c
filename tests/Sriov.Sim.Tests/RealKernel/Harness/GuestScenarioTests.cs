using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class GuestScenarioTests
{
    private static GuestScenario Scenario(
        string name = "s", string script = "true", double seconds = 60, string value = "1", bool iommu = false, string step = "a") =>
        new(name, [new GuestStep(step, script, TimeSpan.FromSeconds(seconds)) { Environment = new Dictionary<string, string> { ["V"] = value } }])
        {
            Iommu = iommu,
        };

    [Fact]
    public void The_fingerprint_is_the_same_for_the_same_definition_and_ignores_the_preparation()
    {
        Assert.Equal(Scenario().Fingerprint, Scenario().Fingerprint);
        Assert.Equal(Scenario().Fingerprint, (Scenario() with { Prepare = _ => Task.CompletedTask }).Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", Scenario().Fingerprint);
    }

    public static TheoryData<GuestScenario> Changed => new()
    {
        Scenario(name: "t"),
        Scenario(script: "false"),
        Scenario(seconds: 61),
        Scenario(value: "2"),
        Scenario(iommu: true),
        Scenario(step: "b"),
    };

    [Theory]
    [MemberData(nameof(Changed))]
    public void Any_change_to_what_the_guest_does_changes_the_fingerprint(GuestScenario changed)
    {
        Assert.NotEqual(Scenario().Fingerprint, changed.Fingerprint);
    }

    [Fact]
    public void A_test_assembly_loaded_by_the_shared_pass_gives_the_scenarios_this_process_sees()
    {
        // The pass loads the test assemblies in their own load context; paths in the scenarios must not depend on
        // the process (AppContext.BaseDirectory), or no fingerprint would match and every assembly would boot again.
        var here = ScenarioDiscovery.FromAssembly(typeof(GuestScenarioTests).Assembly);
        var loaded = TestAssemblyScenarios.Load(typeof(GuestScenarioTests).Assembly.Location);

        Assert.Equal(here.Select(s => (s.Name, s.Iommu, s.Fingerprint)), loaded.Select(s => (s.Name, s.Iommu, s.Fingerprint)));
        Assert.Contains(loaded, s => s.Name == "scenarios");
    }
}
