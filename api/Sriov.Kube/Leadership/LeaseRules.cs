using k8s.Models;

namespace Sriov.Kube.Leadership;

/// <summary>
/// The decisions of client-go's <c>tryAcquireOrRenew</c>, over plain values. A lease is another's while it has a holder
/// and has not stayed unchanged for its <c>leaseDurationSeconds</c> as measured on the candidate's own clock from when
/// the candidate last saw it change (never from <c>renewTime</c>, so clock skew between nodes cannot matter).
/// </summary>
internal static class LeaseRules
{
    public static bool HeldByAnother(V1LeaseSpec? spec, string identity, DateTimeOffset observedAt, DateTimeOffset now,
        TimeSpan defaultDuration)
    {
        if (spec is null || string.IsNullOrEmpty(spec.HolderIdentity) || spec.HolderIdentity == identity)
        {
            return false;
        }

        var duration = spec.LeaseDurationSeconds is > 0 and var s ? TimeSpan.FromSeconds(s) : defaultDuration;
        return observedAt + duration > now;
    }

    /// <summary>The spec that makes <paramref name="identity"/> the holder: acquire time and transitions kept on a
    /// renewal, reset and counted on a takeover.</summary>
    public static V1LeaseSpec Claim(V1LeaseSpec? current, string identity, TimeSpan duration, DateTimeOffset now)
    {
        var renewal = current?.HolderIdentity == identity;
        return new V1LeaseSpec
        {
            HolderIdentity = identity,
            LeaseDurationSeconds = (int)Math.Ceiling(duration.TotalSeconds),
            AcquireTime = renewal && current!.AcquireTime is { } acquired ? acquired : now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = current is null ? 0 : (current.LeaseTransitions ?? 0) + (renewal ? 0 : 1),
        };
    }

    /// <summary>The spec a leader writes when it stops: no holder, so the next candidate need not wait for expiry.</summary>
    public static V1LeaseSpec Release(V1LeaseSpec current, DateTimeOffset now) => new()
    {
        HolderIdentity = null,
        LeaseDurationSeconds = 1,
        AcquireTime = now.UtcDateTime,
        RenewTime = now.UtcDateTime,
        LeaseTransitions = current.LeaseTransitions,
    };
}
