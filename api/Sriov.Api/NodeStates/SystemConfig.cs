using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>Node-wide settings: <c>system.rdmaMode</c>, copied from the node's SriovNetworkPoolConfig.</summary>
public sealed class SystemConfig
{
    /// <summary><c>shared</c> or <c>exclusive</c>.</summary>
    [JsonPropertyName("rdmaMode")]
    public string? RdmaMode { get; set; }
}
