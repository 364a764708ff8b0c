namespace Sriov.Sim.ApiServer.Patch;

/// <summary>
/// How a list merges in a strategic merge patch or an apply: by the value of <see cref="Key"/> in each element (a
/// list of objects), or as a set (<see cref="Key"/> null, a list of scalars). Lists without a rule are replaced.
/// </summary>
internal sealed record ListMerge(string? Key);
