using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>Settings of the PF's port in a managed OVS bridge (columns of OVSDB's Interface table).</summary>
public sealed class OvsInterfaceConfig
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("options")]
    public Dictionary<string, string>? Options { get; set; }

    [JsonPropertyName("externalIDs")]
    public Dictionary<string, string>? ExternalIds { get; set; }

    [JsonPropertyName("otherConfig")]
    public Dictionary<string, string>? OtherConfig { get; set; }

    [JsonPropertyName("mtuRequest")]
    public int? MtuRequest { get; set; }
}
