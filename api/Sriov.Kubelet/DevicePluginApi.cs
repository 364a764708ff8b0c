namespace Sriov.Kubelet;

/// <summary>Constants of the device-plugin <c>v1beta1</c> API (the kubelet's <c>constants.go</c> facts).</summary>
public static class DevicePluginApi
{
    /// <summary>The API version a plugin sends in <c>RegisterRequest.version</c> and lists in
    /// <c>PluginInfo.supported_versions</c>.</summary>
    public const string Version = "v1beta1";

    /// <summary><c>Device.health</c> of a usable device.</summary>
    public const string Healthy = "Healthy";

    /// <summary><c>Device.health</c> of a device the kubelet must not hand out.</summary>
    public const string Unhealthy = "Unhealthy";

    /// <summary>The versions the kubelet accepts in <c>Register</c>.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = [Version];
}
