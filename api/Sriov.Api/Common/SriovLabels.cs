namespace Sriov.Api.Common;

/// <summary>Label keys and values shared with upstream.</summary>
public static class SriovLabels
{
    /// <summary>On a Node: whether the device plugin DaemonSet runs there.</summary>
    public const string DevicePlugin = "sriovnetwork.openshift.io/device-plugin";

    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";

    /// <summary>The node labels of the default config-daemon node selector (both must be present).</summary>
    public const string WorkerRole = "node-role.kubernetes.io/worker";

    public const string Os = "kubernetes.io/os";
}
