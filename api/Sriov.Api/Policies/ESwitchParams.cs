using System.Text.Json.Serialization;

namespace Sriov.Api.Policies;

/// <summary>E-switch parameters (switchdev only); carried from the policy into the node state's interface.</summary>
public sealed class ESwitchParams
{
    [JsonPropertyName("multiport")]
    public bool? Multiport { get; set; }
}
