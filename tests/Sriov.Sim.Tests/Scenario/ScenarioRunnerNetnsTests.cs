using System.Text.Json;
using Sriov.Sim.Scenario;

namespace Sriov.Sim.Tests.Scenario;

/// <summary>
/// The scenario runner on the simulator (veth interfaces, so real namespaces: root needed). The real-kernel side of
/// the same scripts runs in the RealKernel tier (RealKernel/Scenarios).
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class ScenarioRunnerNetnsTests
{
    [Fact]
    public async Task Every_built_in_script_runs_on_the_simulated_igb_node_and_leaves_it_as_it_found_it()
    {
        foreach (var name in BuiltinScenarios.Names)
        {
            var problems = new List<string>();
            using var sim = SimScenarioTarget.Create("igb", iommu: BuiltinScenarios.Iommu.Contains(name));
            var script = BuiltinScenarios.Get(name);

            var record = await ScenarioRunner.RunAsync(script, sim.Target, problems.Add);

            Assert.Equal(script.Ops.Select(o => o.Text), record.Steps.Select(s => s.Op));
            Assert.Empty(problems);
            Assert.Empty(sim.Node.Rejections.Except(sim.Writer.Answered));
            Assert.Empty(sim.Node.Faults);
            Assert.DoesNotContain(record.Steps.SelectMany(s => s.State.Keys), k => k.StartsWith(sim.Node.Token, StringComparison.Ordinal));
            Assert.Equal("0", File.ReadAllText(sim.Node.Root.Resolve("sys/bus/pci/devices/0000:01:00.0/sriov_numvfs")).Trim());
            Assert.DoesNotContain(Directory.GetFiles("/run/netns"), f => Path.GetFileName(f).StartsWith(sim.Node.Token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Names_and_messages_are_recorded_without_the_node_token_and_root()
    {
        using var sim = SimScenarioTarget.Create("igb", iommu: false);
        var script = ScenarioScript.Parse("t", """
            numvfs 1
            netns-add a
            move 0 a as pod1
            mtu 0 60000
            rename 0 pod2
            bind 0 no-such
            """);

        var record = await ScenarioRunner.RunAsync(script, sim.Target);

        Assert.Equal("pod1", record.Steps[2].State["ns.a"]);
        Assert.Equal("60000", record.Steps[3].State["ns.a.pod1.mtu"]);
        Assert.Equal("pod2", record.Steps[4].State["ns.a"]);
        Assert.Equal(
            "VF 0000:01:10.0 (#0 of PF 0000:01:00.0): driver no-such is not loaded (no /sys/bus/pci/drivers/no-such); load it with 'modprobe no-such'",
            record.Steps[5].Message);
        Assert.Equal(("error", "SysfsRequestException"), (record.Steps[5].Outcome, record.Steps[5].ErrorType));
    }

    [Fact]
    public async Task The_command_runs_scripts_on_a_simulated_node_and_compares_two_sets_of_records()
    {
        var dir = Directory.CreateTempSubdirectory("sriov-sim-scenario-").FullName;
        try
        {
            var (code, stdout, stderr) = await RunAsync("run", "--sim", "igb", "--out", Path.Join(dir, "a"), "count");
            Assert.True(code == 0, stderr);
            Assert.Contains("count 1 numvfs 8: error", stdout, StringComparison.Ordinal);
            Assert.Contains("count: 17 steps in ", stdout, StringComparison.Ordinal);
            var record = JsonSerializer.Deserialize(File.ReadAllText(Path.Join(dir, "a", "count.json")), ScenarioJson.Default.ScenarioRecord)!;
            Assert.Equal("sim:igb", record.Target);

            // Two runs of the simulator: the same record, so no difference at all.
            (code, _, stderr) = await RunAsync("run", "--sim", "igb", "--out", Path.Join(dir, "b"), "count");
            Assert.True(code == 0, stderr);
            (code, stdout, _) = await RunAsync("compare", "--real", Path.Join(dir, "a"), "--sim", Path.Join(dir, "b"), "--markdown", Path.Join(dir, "r.md"));
            Assert.Equal(0, code);
            Assert.Contains("0 differences, 0 unexplained", stdout, StringComparison.Ordinal);
            Assert.Contains("| 1 | `numvfs 8` | error: PF 0000:01:00.0 [eth0]: cannot create 8 VFs", File.ReadAllText(Path.Join(dir, "r.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ScenarioCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
