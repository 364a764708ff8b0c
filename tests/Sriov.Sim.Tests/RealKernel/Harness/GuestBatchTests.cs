using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class GuestBatchTests
{
    [Fact]
    public void Steps_are_prefixed_with_their_scenario_and_each_scenario_ends_with_a_reset()
    {
        var steps = GuestBatch.Flatten(
        [
            new GuestScenario("one", [new GuestStep("a", "true"), new GuestStep("b", "true")]),
            new GuestScenario("two", [new GuestStep("a", "true")]),
        ]);

        Assert.Equal(["one/a", "one/b", "one/_reset", "two/a", "two/_reset"], steps.Select(s => s.Name));
        Assert.Equal(GuestBatch.ResetScript, steps[2].Script);
    }

    [Fact]
    public void Two_scenarios_with_one_name_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => GuestBatch.Flatten(
        [
            new GuestScenario("same", [new GuestStep("a", "true")]),
            new GuestScenario("same", [new GuestStep("b", "true")]),
        ]));

        Assert.Contains("'same'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reset_step_name_is_reserved()
    {
        var e = Assert.Throws<ArgumentException>(() => GuestBatch.Flatten([new GuestScenario("s", [new GuestStep("_reset", "true")])]));

        Assert.Contains("reserved", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("a b")]
    public void Scenario_names_are_one_segment(string name)
    {
        Assert.Throws<ArgumentException>(() => new GuestScenario(name, [new GuestStep("a", "true")]));
    }

    [Fact]
    public void A_scenario_needs_steps_with_distinct_names()
    {
        Assert.Throws<ArgumentException>(() => new GuestScenario("s", []));
        var e = Assert.Throws<ArgumentException>(() => new GuestScenario("s", [new GuestStep("a", "true"), new GuestStep("a", "false")]));
        Assert.Contains("'a'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenarios_of_this_assembly_are_discovered_sorted_by_name()
    {
        var names = ScenarioDiscovery.FromAssembly(typeof(GuestBatchTests).Assembly).Select(s => s.Name).ToList();

        Assert.Contains("vf-count", names);
        Assert.Contains("vfio", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
