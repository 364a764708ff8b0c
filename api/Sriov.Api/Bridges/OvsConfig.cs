using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>A policy's <c>bridge.ovs</c>: the OVS bridge to create for each selected PF.</summary>
public sealed class OvsConfig
{
    [JsonPropertyName("bridge")]
    public OvsBridgeConfig? Bridge { get; set; }

    [JsonPropertyName("uplink")]
    public OvsUplinkConfig? Uplink { get; set; }
}
