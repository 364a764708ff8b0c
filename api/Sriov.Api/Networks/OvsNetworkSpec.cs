using System.Text.Json.Serialization;

namespace Sriov.Api.Networks;

/// <summary>The spec of an <see cref="OvsNetwork"/> (operator.md §1.5).</summary>
public sealed class OvsNetworkSpec : NetworkSpec
{
    /// <summary>The OVS bridge; when empty ovs-cni picks it from the VF's PCI address.</summary>
    [JsonPropertyName("bridge")]
    public string? Bridge { get; set; }

    /// <summary>0..4095.</summary>
    [JsonPropertyName("vlan")]
    public int? Vlan { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    [JsonPropertyName("trunk")]
    public List<TrunkConfig>? Trunk { get; set; }

    /// <summary>E.g. <c>netdev</c>.</summary>
    [JsonPropertyName("interfaceType")]
    public string? InterfaceType { get; set; }
}
