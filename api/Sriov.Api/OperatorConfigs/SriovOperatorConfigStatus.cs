using System.Text.Json.Serialization;
using k8s.Models;

namespace Sriov.Api.OperatorConfigs;

/// <summary>Conditions (type <c>Ready</c>); <c>injector</c> and <c>operatorWebhook</c> are declared upstream but never populated.</summary>
public sealed class SriovOperatorConfigStatus
{
    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("injector")]
    public string? Injector { get; set; }

    [JsonPropertyName("operatorWebhook")]
    public string? OperatorWebhook { get; set; }
}
