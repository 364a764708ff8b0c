using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>A VF as discovered on the node. Note the upstream JSON key <c>Vlan</c>.</summary>
public sealed class VirtualFunction
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("mac")]
    public string? Mac { get; set; }

    [JsonPropertyName("assigned")]
    public string? Assigned { get; set; }

    [JsonPropertyName("driver")]
    public string? Driver { get; set; }

    [JsonPropertyName("pciAddress")]
    public string PciAddress { get; set; } = "";

    [JsonPropertyName("vendor")]
    public string? Vendor { get; set; }

    [JsonPropertyName("deviceID")]
    public string? DeviceId { get; set; }

    [JsonPropertyName("Vlan")]
    public int? Vlan { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    /// <summary>The VF index on its PF (<c>virtfnN</c>).</summary>
    [JsonPropertyName("vfID")]
    public int VfId { get; set; }

    [JsonPropertyName("vdpaType")]
    public string? VdpaType { get; set; }

    /// <summary>Switchdev only: the VF's representor netdev on the host.</summary>
    [JsonPropertyName("representorName")]
    public string? RepresentorName { get; set; }

    /// <summary>Node GUID; <c>0000:0000:0000:0000</c> means uninitialised.</summary>
    [JsonPropertyName("guid")]
    public string? NodeGuid { get; set; }
}
