namespace Sriov.Kubelet;

/// <summary>Constants of the plugin-registration <c>v1</c> API: the <c>PluginInfo.type</c> values the kubelet's plugin
/// watcher has handlers for.</summary>
public static class PluginRegistrationApi
{
    /// <summary>A device plugin; its <c>PluginInfo.name</c> is the extended resource name.</summary>
    public const string DevicePluginType = "DevicePlugin";

    /// <summary>A CSI driver.</summary>
    public const string CsiPluginType = "CSIPlugin";

    /// <summary>A dynamic resource allocation driver.</summary>
    public const string DraPluginType = "DRAPlugin";
}
