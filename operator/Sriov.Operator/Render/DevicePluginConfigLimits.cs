namespace Sriov.Operator.Render;

/// <summary>
/// Size limits of the <c>device-plugin-config</c> ConfigMap. It is one object holding every node's config; the API
/// server rejects a ConfigMap whose data values add up to more than 1 MiB (<c>core.MaxSecretSize</c>, checked by
/// ConfigMap validation), so the operator could no longer update it.
/// </summary>
public static class DevicePluginConfigLimits
{
    /// <summary>The API server's limit on the sum of a ConfigMap's data value sizes, in bytes.</summary>
    public const int MaxDataBytes = 1024 * 1024;

    /// <summary>Render warns from this size on, leaving room to add nodes or policies before the limit.</summary>
    public const int WarnDataBytes = 900 * 1024;
}
