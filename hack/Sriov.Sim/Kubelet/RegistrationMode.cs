namespace Sriov.Sim.Kubelet;

/// <summary>How a device plugin registered.</summary>
public enum RegistrationMode
{
    /// <summary>The plugin called <c>Registration.Register</c> on <c>kubelet.sock</c>.</summary>
    KubeletSocket,

    /// <summary>The plugin watcher found its socket in <c>plugins_registry</c> and called <c>GetInfo</c>.</summary>
    PluginWatcher,
}
