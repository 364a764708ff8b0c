using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>The fields every network kind has (operator.md §1.3–1.5).</summary>
public abstract class NetworkSpec
{
    /// <summary>Namespace of the rendered NAD; only allowed on CRs in the operator namespace.</summary>
    [JsonPropertyName("networkNamespace")]
    public string? NetworkNamespace { get; set; }

    /// <summary>The device-plugin resource (without prefix) the network's VFs come from.</summary>
    [JsonPropertyName("resourceName")]
    public string? ResourceName { get; set; }

    /// <summary>Raw JSON object of CNI capabilities, e.g. <c>{"mac": true, "ips": true}</c>.</summary>
    [JsonPropertyName("capabilities")]
    public string? Capabilities { get; set; }

    /// <summary>Raw JSON object of the IPAM plugin config; empty means <c>{}</c>.</summary>
    [JsonPropertyName("ipam")]
    public string? Ipam { get; set; }

    /// <summary>Raw JSON object(s) of plugins chained after the network's own plugin.</summary>
    [JsonPropertyName("metaPlugins")]
    public string? MetaPlugins { get; set; }
}
