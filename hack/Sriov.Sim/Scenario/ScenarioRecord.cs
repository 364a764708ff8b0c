namespace Sriov.Sim.Scenario;

/// <summary>The record of one scenario run: per step, the outcome and the resulting state (written as JSON).</summary>
internal sealed record ScenarioRecord
{
    public required string Script { get; init; }

    /// <summary><c>real</c> (the machine's kernel) or <c>sim:PROFILE</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The kernel release the run saw (the guest's, or the host's for the simulator).</summary>
    public string Kernel { get; init; } = "";

    public IReadOnlyList<StepRecord> Steps { get; init; } = [];
}
