namespace Sriov.Cni.Delegation;

/// <summary>
/// Starts a delegate plugin (IPAM). The child-process seam of ARCHITECTURE.md: production execs the binary from
/// CNI_PATH (<see cref="SpawnDelegateRunner"/>); a test may stand in for it. Starting and waiting are apart so the
/// plugin can let a delegate run while the kernel moves the VF.
/// </summary>
internal interface IDelegateRunner
{
    IRunningDelegate Start(DelegateRequest request);
}
