using System.Text.Json.Serialization;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.PoolConfigs;

/// <summary>The spec of a <see cref="SriovNetworkPoolConfig"/> (operator.md §1.7).</summary>
public sealed class SriovNetworkPoolConfigSpec
{
    /// <summary>Nodes in the pool; null or empty selects every node.</summary>
    [JsonPropertyName("nodeSelector")]
    public V1LabelSelector? NodeSelector { get; set; }

    /// <summary>An integer, or a percentage string <c>"N%"</c>; null means unlimited.</summary>
    [JsonPropertyName("maxUnavailable")]
    public IntegerOrString? MaxUnavailable { get; set; }

    /// <summary><c>shared</c> or <c>exclusive</c>.</summary>
    [JsonPropertyName("rdmaMode")]
    public string? RdmaMode { get; set; }

    [JsonPropertyName("ovsHardwareOffloadConfig")]
    public OvsHardwareOffloadConfig? OvsHardwareOffloadConfig { get; set; }
}
