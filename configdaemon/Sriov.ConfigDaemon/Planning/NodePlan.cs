namespace Sriov.ConfigDaemon.Planning;

/// <summary>The ordered steps that take the node from what discovery saw to the spec, whether a drain must come first, and what prevents applying.</summary>
internal sealed record NodePlan(bool Drain, IReadOnlyList<PlanAction> Actions, IReadOnlyList<PlanProblem> Problems)
{
    public static NodePlan Empty { get; } = new(false, [], []);

    /// <summary>Nothing to do: the node is in the desired state.</summary>
    public bool IsEmpty => Actions.Count == 0 && Problems.Count == 0;

    public bool HasProblems => Problems.Count > 0;

    /// <summary>Every problem, one per line, for <c>lastSyncError</c> and the exit message.</summary>
    public string ProblemText => string.Join("; ", Problems.Select(p => p.Message));
}
