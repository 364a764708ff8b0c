using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>A node state's <c>spec.bridges</c> / <c>status.bridges</c>.</summary>
public sealed class Bridges
{
    /// <summary>Kept sorted by name.</summary>
    [JsonPropertyName("ovs")]
    public List<OvsConfigExt>? Ovs { get; set; }
}
