using Sriov.Sim.Scenario;
using static Sriov.Sim.Tests.Scenario.RecordComparerTests;

namespace Sriov.Sim.Tests.Scenario;

public sealed class DifferentialReportTests
{
    private static readonly ScenarioRecord Real = Record("real",
        Step(0, "numvfs 2", changed: true, state: ("pf.numvfs", "2")),
        Step(1, "mtu 0 9217", "EINVAL", "set MTU 9217 on eth1: Invalid argument (EINVAL)", state: ("ns.a.eth1.mtu", "1500")),
        Step(2, "vf-mac 0 01:00:5e:00:00:01", "EINVAL", "set VF 0 MAC 01:00:5e:00:00:01 on eth0: Invalid | argument"));

    private static readonly ScenarioRecord Sim = Record("sim:igb",
        Step(0, "numvfs 2", changed: true, state: ("pf.numvfs", "2")),
        Step(1, "mtu 0 9217", state: ("ns.a.eth1.mtu", "9217")),
        Step(2, "vf-mac 0 01:00:5e:00:00:01", "EINVAL", "set VF 0 MAC 01:00:5e:00:00:01 on eth0: Invalid | argument"));

    private static readonly AcceptedDifference VethMtu = new("veth-mtu", "s", "mtu 0 9217", @"outcome|message|ns\.a\.eth1\.mtu", null, null, "a veth takes any MTU");

    [Fact]
    public void Differences_an_acceptance_matches_are_explained_and_the_rest_are_not()
    {
        var narrow = VethMtu with { Field = "outcome" };
        var report = DifferentialReport.Create([Real], [Sim], [narrow]);

        Assert.Equal(3, report.Differences.Count);
        Assert.Equal(["message", "ns.a.eth1.mtu"], report.Unexplained.Select(d => d.Field));
        Assert.Empty(report.Unused);
    }

    [Theory]
    [InlineData("EINVAL", "ok", true)]
    [InlineData("EINVAL", "EBUSY", false)]
    [InlineData("EPERM", null, false)]
    public void An_acceptance_with_values_covers_only_those_values(string real, string? sim, bool matches)
    {
        var acceptance = VethMtu with { Field = "outcome", Real = real, Sim = sim };

        Assert.Equal(matches, acceptance.Matches(new RecordDifference("s", 1, "mtu 0 9217", "outcome", "EINVAL", "ok")));
    }

    [Fact]
    public void An_acceptance_that_matches_nothing_is_reported_unless_it_is_optional()
    {
        var stale = VethMtu with { Id = "stale", Op = "numvfs 9" };

        Assert.Equal([stale], DifferentialReport.Create([Real], [Sim], [VethMtu, stale]).Unused);
        Assert.Empty(DifferentialReport.Create([Real], [Sim], [VethMtu, stale with { Optional = true }]).Unused);
    }

    [Fact]
    public void Every_real_record_needs_the_simulators_and_the_other_way_round()
    {
        Assert.Contains("simulator has no record of scenario s", Assert.Throws<ArgumentException>(() => DifferentialReport.Create([Real], [], [])).Message, StringComparison.Ordinal);
        Assert.Contains("real kernel has no record of scenario(s) s", Assert.Throws<ArgumentException>(() => DifferentialReport.Create([], [Sim], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_show_each_result_the_simulator_as_same_when_equal_and_the_verdict()
    {
        var rows = DifferentialReport.Create([Real], [Sim], [VethMtu]).Rows();

        Assert.Equal(
            [
                new ReportRow("s", 0, "numvfs 2", "ok", "same", "same"),
                new ReportRow("s", 1, "mtu 0 9217", "EINVAL: set MTU 9217 on eth1: Invalid argument (EINVAL)", "ok", "outcome, message, ns.a.eth1.mtu 1500 / 9217: accepted (`veth-mtu`)"),
                new ReportRow("s", 2, "vf-mac 0 01:00:5e:00:00:01", @"EINVAL: set VF 0 MAC 01:00:5e:00:00:01 on eth0: Invalid \| argument", "same", "same"),
            ],
            rows);
        Assert.Equal("**unexplained**", DifferentialReport.Create([Real], [Sim], []).Rows()[1].Verdict.Split(": ")[^1]);
    }

    [Fact]
    public void The_markdown_goes_between_the_markers_of_a_document_and_reads_back_as_the_same_rows()
    {
        var report = DifferentialReport.Create([Real], [Sim], [VethMtu]);
        var document = $"# Doc\n\nbefore\n\n{DifferentialDoc.Begin}\nold table\n{DifferentialDoc.End}\n\n## After\n";

        var updated = DifferentialDoc.Replace(document, report.Markdown());

        Assert.StartsWith($"# Doc\n\nbefore\n\n{DifferentialDoc.Begin}\n\n#### `s`\n", updated, StringComparison.Ordinal);
        Assert.EndsWith($"- `veth-mtu`: a veth takes any MTU.\n\n{DifferentialDoc.End}\n\n## After\n", updated, StringComparison.Ordinal);
        Assert.DoesNotContain("old table", updated, StringComparison.Ordinal);
        Assert.Equal(report.Rows(), DifferentialDoc.Rows(updated));
        Assert.Equal(updated, DifferentialDoc.Replace(updated, report.Markdown()));
    }

    [Fact]
    public void A_document_without_markers_is_refused()
    {
        Assert.Throws<FormatException>(() => DifferentialDoc.Rows("# no markers"));
    }
}
