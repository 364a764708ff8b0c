namespace Sriov.Sim.ApiServer.Eviction;

/// <summary>The numbers a PodDisruptionBudget's status holds.</summary>
internal sealed record DisruptionState(int ExpectedPods, int CurrentHealthy, int DesiredHealthy, int DisruptionsAllowed);
