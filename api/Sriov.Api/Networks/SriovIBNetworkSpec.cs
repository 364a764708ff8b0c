using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>The spec of a <see cref="SriovIBNetwork"/> (operator.md §1.4).</summary>
public sealed class SriovIBNetworkSpec
{
    [JsonPropertyName("networkNamespace")]
    public string? NetworkNamespace { get; set; }

    [JsonPropertyName("resourceName")]
    public string? ResourceName { get; set; }

    /// <summary>Raw JSON object, e.g. <c>{"infinibandGUID": true}</c>.</summary>
    [JsonPropertyName("capabilities")]
    public string? Capabilities { get; set; }

    [JsonPropertyName("ipam")]
    public string? Ipam { get; set; }

    /// <summary><c>auto</c>, <c>enable</c> or <c>disable</c>.</summary>
    [JsonPropertyName("linkState")]
    public string? LinkState { get; set; }

    [JsonPropertyName("metaPlugins")]
    public string? MetaPlugins { get; set; }
}
