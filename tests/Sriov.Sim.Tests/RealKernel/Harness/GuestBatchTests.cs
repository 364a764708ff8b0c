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

    [Fact]
    public void Scenarios_waiting_for_a_host_side_preparation_run_last_behind_a_wait_step_and_guarded()
    {
        var steps = GuestBatch.Flatten(
        [
            new GuestScenario("published", [new GuestStep("a", "echo a", TimeSpan.FromSeconds(7))]) { Prepare = _ => Task.CompletedTask },
            new GuestScenario("one", [new GuestStep("a", "true")]),
            new GuestScenario("two", [new GuestStep("a", "true")]),
        ]);

        Assert.Equal(["one/a", "one/_reset", "two/a", "two/_reset", "published/_prepared", "published/a", "published/_reset"], steps.Select(s => s.Name));
        Assert.Equal(GuestBatch.PrepareWait, steps[4].Timeout);
        Assert.Contains("/tmp/rk/prepared/published", steps[4].Script, StringComparison.Ordinal);
        Assert.EndsWith("echo a", steps[5].Script, StringComparison.Ordinal);
        Assert.Contains("/tmp/rk/prepared/published", steps[5].Script, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), steps[5].Timeout);
        Assert.Equal("true", steps[0].Script);
    }

    [Theory]
    [InlineData(null, "missing", 125)]
    [InlineData("failed: dotnet publish exited 1", "failed: dotnet publish exited 1", 125)]
    [InlineData("ok", "", 0)]
    public void A_guarded_step_runs_only_after_its_preparation_succeeded(string? marker, string said, int exit)
    {
        var steps = GuestBatch.Flatten([new GuestScenario("p", [new GuestStep("a", "echo ran")]) { Prepare = _ => Task.CompletedTask }]);
        var dir = Directory.CreateTempSubdirectory("rk-guard-").FullName;
        try
        {
            if (marker is not null)
            {
                File.WriteAllText(Path.Combine(dir, "p"), marker + "\n");
            }

            // The guard reads /tmp/rk/prepared/NAME in the guest; here the same script reads the test's directory.
            var script = steps[1].Script.Replace("/tmp/rk/prepared/", dir + "/", StringComparison.Ordinal);
            var output = HostBash.Run($"({script}) 2>&1; echo \"exit=$?\"");

            Assert.Contains($"exit={exit}", output, StringComparison.Ordinal);
            Assert.Equal(exit == 0, output.Contains("ran", StringComparison.Ordinal));
            Assert.Contains(said, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_prepared_step_name_is_reserved()
    {
        var e = Assert.Throws<ArgumentException>(() => GuestBatch.Flatten([new GuestScenario("s", [new GuestStep("_prepared", "true")])]));

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
