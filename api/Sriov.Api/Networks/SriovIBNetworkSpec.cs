using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>The spec of a <see cref="SriovIBNetwork"/> (operator.md §1.4).</summary>
public sealed class SriovIBNetworkSpec : NetworkSpec
{
    /// <summary><c>auto</c>, <c>enable</c> or <c>disable</c>.</summary>
    [JsonPropertyName("linkState")]
    public string? LinkState { get; set; }
}
