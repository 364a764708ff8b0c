namespace Sriov.ConfigDaemon.Planning;

/// <summary>
/// Why a plan cannot be applied as it stands, found before anything changes. <see cref="IsConflict"/>: a VF that must be
/// rebound or removed is allocated to a live pod; a drain resolves it (the pod is evicted and its CNI DEL frees the VF).
/// </summary>
internal sealed record PlanProblem(string Message, bool IsConflict = false)
{
    public override string ToString() => Message;
}
