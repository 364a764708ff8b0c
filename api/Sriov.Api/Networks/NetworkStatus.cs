using System.Text.Json.Serialization;
using k8s.Models;

namespace Sriov.Api.Networks;

/// <summary>The status of the three network kinds: standard conditions (type <c>Ready</c>), a list-map keyed by type.</summary>
public sealed class NetworkStatus
{
    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }
}
