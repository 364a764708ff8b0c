using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sriov.Sim.Kubelet;

/// <summary>Settings of the kubelet emulator.</summary>
public sealed class KubeletEmulatorOptions
{
    /// <summary>The device-plugins directory: <c>kubelet.sock</c> is served here, and the emulator deletes every
    /// other file in it at start and on restart, as the kubelet does.</summary>
    public required string DevicePluginDir { get; init; }

    /// <summary>The plugin watcher's directory (the kubelet's <c>plugins_registry</c>), scanned recursively for plugin
    /// sockets; null turns plugin-watcher discovery off.</summary>
    public string? PluginsRegistryDir { get; init; }

    /// <summary>How often the plugin watcher rescans (it also reacts to file-system events at once). The kubelet's
    /// reconciler runs every second.</summary>
    public TimeSpan PluginWatcherInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a resource whose plugin went away keeps its capacity (all devices unhealthy) before it is
    /// dropped; the kubelet's <c>endpointStopGracePeriod</c> is 5 minutes.</summary>
    public TimeSpan EndpointStopGracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Deadline for dialing a plugin and for its unary calls.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Options for a kubelet root directory <paramref name="kubeletDir"/> (like <c>/var/lib/kubelet</c>):
    /// <c>device-plugins/</c> and <c>plugins_registry/</c> under it.</summary>
    public static KubeletEmulatorOptions ForRoot(string kubeletDir) => new()
    {
        DevicePluginDir = Path.Combine(kubeletDir, "device-plugins"),
        PluginsRegistryDir = Path.Combine(kubeletDir, "plugins_registry"),
    };
}
