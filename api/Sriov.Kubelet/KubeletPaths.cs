namespace Sriov.Kubelet;

/// <summary>
/// The kubelet's well-known directories and file names for device plugins. Production code takes these as defaults
/// and lets a test (or a host root) move them; nothing here touches the file system.
/// </summary>
public static class KubeletPaths
{
    /// <summary>Where the kubelet serves <c>kubelet.sock</c> and, in the pre-plugin-watcher mode, where plugins put
    /// their sockets. The kubelet deletes every file in it (except its checkpoint) when it starts.</summary>
    public const string DevicePluginDir = "/var/lib/kubelet/device-plugins/";

    /// <summary>Where the kubelet's plugin watcher looks for plugin sockets (recursively). The kubelet never cleans it.</summary>
    public const string PluginsRegistryDir = "/var/lib/kubelet/plugins_registry/";

    /// <summary>File name of the kubelet's <c>Registration</c> socket inside <see cref="DevicePluginDir"/>.</summary>
    public const string KubeletSocketName = "kubelet.sock";

    /// <summary>The device manager's checkpoint file inside <see cref="DevicePluginDir"/>; the only file the kubelet
    /// keeps when it cleans that directory at start.</summary>
    public const string CheckpointFileName = "kubelet_internal_checkpoint";
}
