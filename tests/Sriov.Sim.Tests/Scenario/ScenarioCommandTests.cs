using System.Text.Json;
using Sriov.Sim.Scenario;
using Sriov.Sim.Tests.Support;
using static Sriov.Sim.Tests.Scenario.RecordComparerTests;
using static Sriov.Sim.Tests.Scenario.ScenarioRunnerNetnsTests;

namespace Sriov.Sim.Tests.Scenario;

public sealed class ScenarioCommandTests
{
    [Fact]
    public async Task List_and_show_print_the_built_in_scripts()
    {
        var (code, stdout, _) = await RunAsync("list");
        Assert.Equal(0, code);
        Assert.Equal(BuiltinScenarios.Names, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));

        (code, stdout, _) = await RunAsync("show", "vfio");
        Assert.Equal((0, BuiltinScenarios.Text("vfio")), (code, stdout));
    }

    [Theory]
    [InlineData(new[] { "run", "count" }, 2, "--out is required")]
    [InlineData(new[] { "run", "--out", "/tmp/x" }, 2, "name at least one script")]
    [InlineData(new[] { "run", "--out", "/tmp/x", "no-such-script" }, 1, "'no-such-script' is neither a built-in scenario")]
    [InlineData(new[] { "frob" }, 2, "unknown subcommand 'frob'")]
    [InlineData(new[] { "show" }, 2, "scenario show takes one name")]
    public async Task Mistakes_say_what_is_wrong(string[] args, int expectedCode, string message)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_fails_on_an_unexplained_difference_and_updates_a_document()
    {
        var dir = Directory.CreateTempSubdirectory("sriov-sim-compare-").FullName;
        try
        {
            Save(Path.Join(dir, "real"), Record("real", Step(0, "numvfs 2", state: ("pf.numvfs", "2"))));
            Save(Path.Join(dir, "sim"), Record("sim:igb", Step(0, "numvfs 2", state: ("pf.numvfs", "3"))));
            var doc = Path.Join(dir, "doc.md");
            File.WriteAllText(doc, "x\n<!-- differential:begin -->\n<!-- differential:end -->\n");

            var (code, stdout, _) = await RunAsync("compare", "--real", Path.Join(dir, "real"), "--sim", Path.Join(dir, "sim"), "--doc", doc);

            Assert.Equal(1, code);
            Assert.Contains("s step 0 'numvfs 2': pf.numvfs: real 2, simulated 3: UNEXPLAINED", stdout, StringComparison.Ordinal);
            Assert.Equal("pf.numvfs 2 / 3: **unexplained**", Assert.Single(DifferentialDoc.Rows(File.ReadAllText(doc))).Verdict);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Docs_simulation_md_lists_every_step_of_every_built_in_script_and_every_accepted_difference()
    {
        var doc = File.ReadAllText(RepoPaths.Of("docs/simulation.md"));
        var rows = DifferentialDoc.Rows(doc);

        foreach (var name in BuiltinScenarios.Names)
        {
            Assert.Equal(BuiltinScenarios.Get(name).Ops.Select(o => o.Text), rows.Where(r => r.Script == name).Select(r => r.Op));
        }

        // Outside the generated table too: each acceptance is a row of a fidelity table, by its id.
        var tables = doc[..doc.IndexOf(DifferentialDoc.Begin, StringComparison.Ordinal)];
        Assert.All(AcceptedDifferences.All, a => Assert.Contains($"`{a.Id}`", tables, StringComparison.Ordinal));
    }

    private static void Save(string dir, ScenarioRecord record)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Join(dir, record.Script + ".json"), JsonSerializer.Serialize(record, ScenarioJson.Default.ScenarioRecord));
    }
}
