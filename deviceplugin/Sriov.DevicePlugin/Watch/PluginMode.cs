namespace Sriov.DevicePlugin.Watch;

/// <summary>How the kubelet learns about the pools; chosen as upstream does, by whether <c>plugins_registry</c> exists.</summary>
internal enum PluginMode
{
    /// <summary>Sockets in <c>device-plugins/</c>; the plugin calls <c>Register</c> on <c>kubelet.sock</c>.</summary>
    KubeletSocket,

    /// <summary>Sockets in <c>plugins_registry/</c>; the kubelet's plugin watcher calls <c>GetInfo</c>.</summary>
    PluginWatcher,
}
