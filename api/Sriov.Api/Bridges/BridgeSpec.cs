using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>A policy's <c>bridge</c>: software bridge settings (switchdev only, feature gate <c>manageSoftwareBridges</c>).</summary>
public sealed class BridgeSpec
{
    [JsonPropertyName("ovs")]
    public OvsConfig? Ovs { get; set; }
}
