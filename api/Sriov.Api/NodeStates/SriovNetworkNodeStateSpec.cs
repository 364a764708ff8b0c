using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>What the node should look like: the PFs to configure, managed bridges, system settings.</summary>
public sealed class SriovNetworkNodeStateSpec
{
    [JsonPropertyName("interfaces")]
    public List<InterfaceSpec>? Interfaces { get; set; }

    [JsonPropertyName("bridges")]
    public Bridges.Bridges? Bridges { get; set; }

    [JsonPropertyName("system")]
    public SystemConfig? System { get; set; }
}
