namespace Sriov.Cni.Delegation;

/// <summary>
/// Runs a delegate plugin (IPAM) and returns its stdout. The child-process seam of ARCHITECTURE.md: production execs
/// the binary from CNI_PATH (<see cref="ExecDelegateRunner"/>); a test may stand in for it.
/// </summary>
internal interface IDelegateRunner
{
    /// <summary>Throws <see cref="DelegateException"/> when the delegate fails.</summary>
    byte[] Run(DelegateRequest request);
}
