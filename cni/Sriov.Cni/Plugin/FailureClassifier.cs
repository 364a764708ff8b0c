using Sriov.Cni.Delegation;
using Sriov.Host.Locks;
using Sriov.Host.Netlink;

namespace Sriov.Cni.Plugin;

/// <summary>
/// Sorts teardown failures. Transient ones (the driver or kernel was busy, the VF lock is held, a delegate failed, the
/// state directory could not be written) keep the journal and fail the DEL with code 11, so the runtime retries.
/// Permanent ones (the VF or PF no longer exists, a value the driver refuses, a name that is taken) are logged and
/// skipped: retrying cannot help, and pod deletion must not hang on a VF that is gone.
/// </summary>
internal static class FailureClassifier
{
    public static bool IsTransient(Exception e) => e switch
    {
        NetlinkException n => n.IsTransient,
        VfLockTimeoutException => true,
        DelegateException => true,
        IOException => true,
        UnauthorizedAccessException => true,
        _ => false,
    };
}
