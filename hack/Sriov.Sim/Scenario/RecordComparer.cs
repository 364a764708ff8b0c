using Sriov.Host.Netlink;

namespace Sriov.Sim.Scenario;

/// <summary>
/// Compares a scenario's record from the real kernel with the simulator's, step by step: the outcome, our message,
/// what PciControl answered, and every state key. MAC addresses the kernel or the simulator chose (a VF interface
/// without an administrative MAC: random on igbvf, derived from the PCI address in the simulator) compare as
/// <c>(chosen)</c>; addresses the script wrote and the zero address compare as they are.
/// </summary>
internal static class RecordComparer
{
    public const string Chosen = "(chosen)";

    public static IReadOnlyList<RecordDifference> Compare(ScenarioRecord real, ScenarioRecord sim)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(sim);
        if (real.Script != sim.Script)
        {
            throw new ArgumentException($"cannot compare records of two scenarios ({real.Script} and {sim.Script})", nameof(sim));
        }

        var known = KnownMacs(real).Concat(KnownMacs(sim)).ToHashSet(StringComparer.Ordinal);
        var differences = new List<RecordDifference>();
        for (var i = 0; i < Math.Max(real.Steps.Count, sim.Steps.Count); i++)
        {
            var r = i < real.Steps.Count ? real.Steps[i] : null;
            var s = i < sim.Steps.Count ? sim.Steps[i] : null;
            if (r is null || s is null || r.Op != s.Op)
            {
                // The scripts diverged (an older record, or a run that stopped): nothing after this compares.
                differences.Add(new RecordDifference(real.Script, i, r?.Op ?? s!.Op, "op", r?.Op, s?.Op));
                break;
            }

            void Field(string field, string? a, string? b)
            {
                if (a != b)
                {
                    differences.Add(new RecordDifference(real.Script, i, r.Op, field, a, b));
                }
            }

            Field("outcome", r.Outcome, s.Outcome);
            Field("message", r.Message, s.Message);
            Field("changed", Text(r.Changed), Text(s.Changed));
            foreach (var key in r.State.Keys.Union(s.State.Keys).Order(StringComparer.Ordinal))
            {
                Field(key, Value(key, r.State.GetValueOrDefault(key), known), Value(key, s.State.GetValueOrDefault(key), known));
            }
        }

        return differences;
    }

    /// <summary>The MAC addresses a record's operations name (the only addresses both targets must agree on).</summary>
    public static IEnumerable<string> KnownMacs(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var step in record.Steps)
        {
            foreach (var word in step.Op.Split(' '))
            {
                if (MacAddress.TryParse(word, out var mac))
                {
                    yield return mac.ToString();
                }
            }
        }
    }

    private static string? Value(string key, string? value, HashSet<string> known) =>
        value is not null && key.EndsWith(".mac", StringComparison.Ordinal) && !known.Contains(value) && value != MacAddress.Zero.ToString()
            ? Chosen
            : value;

    private static string? Text(bool? b) => b switch
    {
        null => null,
        true => "true",
        false => "false",
    };
}
