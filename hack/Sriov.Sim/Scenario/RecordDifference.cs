namespace Sriov.Sim.Scenario;

/// <summary>One field of one step where the simulator's record differs from the real kernel's.</summary>
/// <param name="Script">The scenario.</param>
/// <param name="Step">The step's index.</param>
/// <param name="Op">The step's operation text.</param>
/// <param name="Field"><c>outcome</c>, <c>message</c>, <c>changed</c>, or a state key (<c>vf0.mac</c>).</param>
/// <param name="Real">The real kernel's value (normalised; null: absent).</param>
/// <param name="Sim">The simulator's value.</param>
internal sealed record RecordDifference(string Script, int Step, string Op, string Field, string? Real, string? Sim)
{
    public override string ToString() =>
        $"{Script} step {Step} '{Op}': {Field}: real {Real ?? "(none)"}, simulated {Sim ?? "(none)"}";
}
