using Sriov.DevicePlugin.Server;

namespace Sriov.DevicePlugin.Watch;

/// <summary>A served pool with its server and registration state (owned by the watcher loop).</summary>
internal sealed class PoolSlot(PoolRuntime runtime)
{
    public PoolRuntime Runtime { get; } = runtime;

    public PoolServer? Server { get; set; }

    /// <summary>Registered with the current kubelet (always true in plugin-watcher mode, where the kubelet finds us).</summary>
    public bool Registered { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset NextAttempt { get; set; }
}
