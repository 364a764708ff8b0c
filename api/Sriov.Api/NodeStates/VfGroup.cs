using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>A range of a PF's VFs that one policy configures and one resource advertises.</summary>
public sealed class VfGroup
{
    [JsonPropertyName("resourceName")]
    public string? ResourceName { get; set; }

    /// <summary><c>netdevice</c> or a DPDK driver such as <c>vfio-pci</c>.</summary>
    [JsonPropertyName("deviceType")]
    public string? DeviceType { get; set; }

    /// <summary>Inclusive VF index range <c>"first-last"</c>.</summary>
    [JsonPropertyName("vfRange")]
    public string? VfRange { get; set; }

    [JsonPropertyName("policyName")]
    public string? PolicyName { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    [JsonPropertyName("isRdma")]
    public bool? IsRdma { get; set; }

    [JsonPropertyName("vdpaType")]
    public string? VdpaType { get; set; }
}
