using System.Text.Json.Serialization;

namespace Sriov.Api.NetworkAttachments;

/// <summary>The NAD's <c>spec</c>: the CNI config as a JSON string.</summary>
public sealed class NetworkAttachmentDefinitionSpec
{
    [JsonPropertyName("config")]
    public string? Config { get; set; }
}
