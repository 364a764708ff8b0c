namespace Sriov.DevicePlugin.Watch;

/// <summary>The watcher's intervals; tests shorten them.</summary>
internal sealed record PluginTimings
{
    /// <summary>Full rediscovery at least this often: sysfs raises no inotify events (ARCHITECTURE.md), so PCI
    /// changes (VF count, binds) are found by this resync; the issue bounds it at 5 s.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a burst of triggers (a ConfigMap swap is several inotify events) is gathered into one rediscovery.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The stat backstop of the kubelet-socket watch (inotify reacts at once).</summary>
    public TimeSpan KubeletCheck { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deadline of one Register call (the kubelet dials our socket before it answers).</summary>
    public TimeSpan RegisterTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between registration retries (doubling from 0.5 s).</summary>
    public TimeSpan RegisterBackoffMax { get; init; } = TimeSpan.FromSeconds(30);
}
