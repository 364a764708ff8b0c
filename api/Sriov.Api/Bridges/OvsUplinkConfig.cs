using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>A policy's uplink (PF) settings for its managed bridge.</summary>
public sealed class OvsUplinkConfig
{
    [JsonPropertyName("interface")]
    public OvsInterfaceConfig? Interface { get; set; }
}
