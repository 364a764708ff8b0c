using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>One trunk entry of an OVS port: a single VLAN <c>id</c> or a <c>minID</c>..<c>maxID</c> range (0..4095).</summary>
public sealed class TrunkConfig
{
    [JsonPropertyName("minID")]
    public int? MinId { get; set; }

    [JsonPropertyName("maxID")]
    public int? MaxId { get; set; }

    [JsonPropertyName("id")]
    public int? Id { get; set; }
}
