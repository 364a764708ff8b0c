using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>One advertised resource (pool) of the device plugin: <c>&lt;prefix&gt;/&lt;resourceName&gt;</c>.</summary>
public sealed class ResourceConfig
{
    /// <summary>The pool name; the device plugin requires <c>^[a-zA-Z0-9_-]+$</c>.</summary>
    [JsonPropertyName("resourceName")]
    public string? ResourceName { get; set; }

    /// <summary>Per-resource override of the <c>-resource-prefix</c> flag.</summary>
    [JsonPropertyName("resourcePrefix")]
    public string? ResourcePrefix { get; set; }

    /// <summary><c>netDevice</c> (the default when absent), <c>accelerator</c> or <c>auxNetDevice</c>; see <see cref="DeviceTypes"/>.</summary>
    [JsonPropertyName("deviceType")]
    public string? DeviceType { get; set; }

    /// <summary>When true the devices are advertised without NUMA topology.</summary>
    [JsonPropertyName("excludeTopology")]
    public bool ExcludeTopology { get; set; }

    /// <summary>
    /// One selector object or an array of them (both forms are accepted; the form read is kept when written back).
    /// Null when the key is absent.
    /// </summary>
    [JsonPropertyName("selectors")]
    public ResourceSelectorList? Selectors { get; set; }

    /// <summary>Extra key/values for the <c>_INFO</c> env JSON: <c>"*"</c> for every device, or a PCI address.</summary>
    [JsonPropertyName("additionalInfo")]
    public Dictionary<string, Dictionary<string, string>>? AdditionalInfo { get; set; }
}
