namespace Sriov.DevicePlugin.Watch;

/// <summary>Why the watcher loop was woken (flags: several may be pending).</summary>
[Flags]
internal enum WakeReason
{
    None = 0,

    /// <summary>The config or the reconfiguring markers changed, or link events were lost: rediscover (debounced).</summary>
    Rediscover = 1,

    /// <summary>A PF netdev's link changed: re-evaluate health only.</summary>
    Health = 2,

    /// <summary>Something happened in the kubelet's socket directory.</summary>
    Kubelet = 4,
}
