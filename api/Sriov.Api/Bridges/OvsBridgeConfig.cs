using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>Bridge-level settings of a managed OVS bridge (columns of OVSDB's Bridge table).</summary>
public sealed class OvsBridgeConfig
{
    [JsonPropertyName("datapathType")]
    public string? DatapathType { get; set; }

    [JsonPropertyName("externalIDs")]
    public Dictionary<string, string>? ExternalIds { get; set; }

    [JsonPropertyName("otherConfig")]
    public Dictionary<string, string>? OtherConfig { get; set; }

    /// <summary><c>secure</c> or <c>standalone</c>.</summary>
    [JsonPropertyName("failMode")]
    public string? FailMode { get; set; }
}
