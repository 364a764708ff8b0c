using System.Globalization;
using System.Text;

namespace Sriov.Sim.Scenario;

/// <summary>
/// The comparison of every scenario's real and simulated records: each difference with the acceptance that explains
/// it (or none), the acceptances nothing matched (stale), and the markdown table docs/simulation.md carries under
/// "Differential record against the real kernel".
/// </summary>
internal sealed class DifferentialReport
{
    /// <summary>The header of each scenario's table.</summary>
    public const string TableHeader = "| # | operation | real igb | simulator | verdict |\n|---|---|---|---|---|";

    private readonly IReadOnlyList<(ScenarioRecord Real, ScenarioRecord Sim)> _pairs;

    private DifferentialReport(
        IReadOnlyList<(ScenarioRecord Real, ScenarioRecord Sim)> pairs,
        IReadOnlyList<(RecordDifference Difference, AcceptedDifference? AcceptedBy)> differences,
        IReadOnlyList<AcceptedDifference> unused)
    {
        _pairs = pairs;
        Differences = differences;
        Unused = unused;
    }

    public IReadOnlyList<(RecordDifference Difference, AcceptedDifference? AcceptedBy)> Differences { get; }

    /// <summary>Differences no acceptance explains: each must be fixed in the simulator or accepted with a reason.</summary>
    public IReadOnlyList<RecordDifference> Unexplained => [.. Differences.Where(d => d.AcceptedBy is null).Select(d => d.Difference)];

    /// <summary>Acceptances that matched no difference (the simulator was fixed, or the scenario changed): remove them.</summary>
    public IReadOnlyList<AcceptedDifference> Unused { get; }

    /// <summary>Pairs each real record with the simulator's record of the same script (both lists must hold the same scripts).</summary>
    public static DifferentialReport Create(
        IEnumerable<ScenarioRecord> real, IEnumerable<ScenarioRecord> sim, IReadOnlyList<AcceptedDifference> accepted)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(accepted);
        var simByScript = sim.ToDictionary(r => r.Script, StringComparer.Ordinal);
        var pairs = new List<(ScenarioRecord, ScenarioRecord)>();
        foreach (var r in real)
        {
            pairs.Add((r, simByScript.Remove(r.Script, out var s) ? s
                : throw new ArgumentException($"the simulator has no record of scenario {r.Script}", nameof(sim))));
        }

        if (simByScript.Count > 0)
        {
            throw new ArgumentException($"the real kernel has no record of scenario(s) {string.Join(", ", simByScript.Keys)}", nameof(real));
        }

        var differences = pairs
            .SelectMany(p => RecordComparer.Compare(p.Item1, p.Item2))
            .Select(d => (d, accepted.FirstOrDefault(a => a.Matches(d))))
            .ToList();
        var used = differences.Select(d => d.Item2).OfType<AcceptedDifference>().ToHashSet();
        return new DifferentialReport(pairs, differences, [.. accepted.Where(a => !a.Optional && !used.Contains(a))]);
    }

    /// <summary>Every step of every scenario: the real result, the simulator's ("same" when equal) and the verdict.</summary>
    public IReadOnlyList<ReportRow> Rows()
    {
        var rows = new List<ReportRow>();
        foreach (var (real, sim) in _pairs)
        {
            for (var i = 0; i < real.Steps.Count; i++)
            {
                var r = real.Steps[i];
                var s = i < sim.Steps.Count ? sim.Steps[i] : null;
                var stepDifferences = Differences.Where(d => d.Difference.Script == real.Script && d.Difference.Step == i).ToList();
                var simText = s is null ? "(not run)" : s.Outcome == r.Outcome && s.Message == r.Message ? "same" : Result(s);
                rows.Add(new ReportRow(real.Script, i, r.Op, Result(r), simText, Verdict(stepDifferences)));
            }
        }

        return rows;
    }

    /// <summary>One table per scenario (<see cref="Rows"/>), then the accepted differences with their reasons.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        foreach (var script in Rows().GroupBy(r => r.Script))
        {
            text.Append(CultureInfo.InvariantCulture, $"#### `{script.Key}`\n\n");
            text.Append(TableHeader).Append('\n');
            foreach (var row in script)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {row.Step} | `{row.Op}` | {row.Real} | {row.Sim} | {row.Verdict} |\n");
            }

            text.Append('\n');
        }

        var accepted = Differences.Select(d => d.AcceptedBy).OfType<AcceptedDifference>().DistinctBy(a => a.Id).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        if (accepted.Count > 0)
        {
            text.Append("Accepted differences:\n\n");
            foreach (var a in accepted)
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{a.Id}`: {a.Reason}{(a.Optional ? " (timing-dependent on the real kernel: a run may not show it)" : "")}.\n");
            }
        }

        return text.ToString();
    }

    private static string Result(StepRecord step) =>
        Cell(step.Outcome == "ok"
            ? step.Changed == false ? "ok (nothing written)" : "ok"
            : $"{step.Outcome}: {step.Message}");

    private static string Verdict(List<(RecordDifference Difference, AcceptedDifference? AcceptedBy)> differences)
    {
        if (differences.Count == 0)
        {
            return "same";
        }

        var parts = differences
            .GroupBy(d => d.AcceptedBy)
            .Select(g => $"{string.Join(", ", g.Select(d => Field(d.Difference)))}: " + (g.Key is null ? "**unexplained**" : $"accepted (`{g.Key.Id}`)"));
        return Cell(string.Join("; ", parts));
    }

    // The outcome and message are already in the real and simulator columns.
    private static string Field(RecordDifference d) =>
        d.Field is "outcome" or "message" ? d.Field : $"{d.Field} {d.Real ?? "-"} / {d.Sim ?? "-"}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
