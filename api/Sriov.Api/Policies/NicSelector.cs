using System.Text.Json.Serialization;

namespace Sriov.Api.Policies;

/// <summary>Which PFs a policy selects; all set fields are ANDed.</summary>
public sealed class NicSelector
{
    /// <summary>PCI vendor id in hex, e.g. <c>8086</c>.</summary>
    [JsonPropertyName("vendor")]
    public string? Vendor { get; set; }

    /// <summary>PF PCI device id in hex, e.g. <c>158b</c>.</summary>
    [JsonPropertyName("deviceID")]
    public string? DeviceId { get; set; }

    /// <summary>PF PCI addresses.</summary>
    [JsonPropertyName("rootDevices")]
    public List<string>? RootDevices { get; set; }

    /// <summary>PF netdev names or alt-names, each optionally <c>name#first-last</c>.</summary>
    [JsonPropertyName("pfNames")]
    public List<string>? PfNames { get; set; }

    /// <summary>Virtual platforms: <c>openstack/NetworkID:&lt;uuid&gt;</c> or <c>aws/NetworkID:&lt;id&gt;</c>.</summary>
    [JsonPropertyName("netFilter")]
    public string? NetFilter { get; set; }
}
