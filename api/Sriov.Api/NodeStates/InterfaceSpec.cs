using System.Text.Json.Serialization;
using Sriov.Api.Policies;

namespace Sriov.Api.NodeStates;

/// <summary>One PF in a node state's spec: the VFs to create and how they are grouped into resources.</summary>
public sealed class InterfaceSpec
{
    [JsonPropertyName("pciAddress")]
    public string PciAddress { get; set; } = "";

    [JsonPropertyName("numVfs")]
    public int? NumVfs { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("linkType")]
    public string? LinkType { get; set; }

    [JsonPropertyName("eSwitchMode")]
    public string? ESwitchMode { get; set; }

    [JsonPropertyName("eSwitchParams")]
    public ESwitchParams? ESwitchParams { get; set; }

    [JsonPropertyName("externallyManaged")]
    public bool? ExternallyManaged { get; set; }

    [JsonPropertyName("vfGroups")]
    public List<VfGroup>? VfGroups { get; set; }
}
