using System.Text.RegularExpressions;

namespace Sriov.Sim.Scenario;

/// <summary>
/// A difference between the real kernel and the simulator that is known and kept, with the reason; docs/simulation.md
/// lists each one (by <paramref name="Id"/>) in its fidelity tables. <paramref name="Op"/> and <paramref name="Field"/> are regular expressions
/// matched against the whole operation text and field name; <paramref name="Real"/> and <paramref name="Sim"/>, when
/// given, must equal the two values, so an acceptance never covers a different outcome than the one explained.
/// </summary>
internal sealed record AcceptedDifference(string Id, string Script, string Op, string Field, string? Real, string? Sim, string Reason)
{
    /// <summary>
    /// The real kernel shows this difference only when a VF driver's message reaches the PF before the state is read
    /// (igbvf talks to igb over a mailbox, asynchronously; under TCG it can take longer than a step), so a run may not
    /// show it: an optional acceptance is not reported as unused.
    /// </summary>
    public bool Optional { get; init; }

    public bool Matches(RecordDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return difference.Script == Script
            && Regex.IsMatch(difference.Op, "^(?:" + Op + ")$", RegexOptions.CultureInvariant)
            && Regex.IsMatch(difference.Field, "^(?:" + Field + ")$", RegexOptions.CultureInvariant)
            && (Real is null || Real == difference.Real)
            && (Sim is null || Sim == difference.Sim);
    }
}
