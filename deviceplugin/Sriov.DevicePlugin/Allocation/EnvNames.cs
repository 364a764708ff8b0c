namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// Upstream's env names: <c>PCIDEVICE_&lt;PREFIX&gt;_&lt;NAME&gt;</c>, built as <c>PCIDEVICE_prefix_name</c>
/// upper-cased with only <c>.</c> replaced by <c>_</c> (hyphens are kept, though many shells cannot use such a name),
/// and the same name with <c>_INFO</c> for the JSON of each device's providers.
/// </summary>
internal static class EnvNames
{
    public static string Devices(string prefix, string resourceName) =>
        ("PCIDEVICE_" + prefix + "_" + resourceName).Replace('.', '_').ToUpperInvariant();

    public static string Info(string prefix, string resourceName) => Devices(prefix, resourceName) + "_INFO";
}
