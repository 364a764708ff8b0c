using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>A PF as discovered on the node. Note the upstream JSON keys <c>totalvfs</c> and <c>Vfs</c>.</summary>
public sealed class InterfaceExt
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("mac")]
    public string? Mac { get; set; }

    [JsonPropertyName("driver")]
    public string? Driver { get; set; }

    [JsonPropertyName("pciAddress")]
    public string PciAddress { get; set; } = "";

    [JsonPropertyName("vendor")]
    public string? Vendor { get; set; }

    [JsonPropertyName("deviceID")]
    public string? DeviceId { get; set; }

    [JsonPropertyName("netFilter")]
    public string? NetFilter { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    [JsonPropertyName("numVfs")]
    public int? NumVfs { get; set; }

    /// <summary>E.g. <c>"10000 Mb/s"</c>.</summary>
    [JsonPropertyName("linkSpeed")]
    public string? LinkSpeed { get; set; }

    /// <summary><c>ETH</c> or <c>IB</c>, from the netdev's encapsulation type.</summary>
    [JsonPropertyName("linkType")]
    public string? LinkType { get; set; }

    /// <summary><c>up</c> or <c>down</c>.</summary>
    [JsonPropertyName("linkAdminState")]
    public string? LinkAdminState { get; set; }

    [JsonPropertyName("eSwitchMode")]
    public string? ESwitchMode { get; set; }

    [JsonPropertyName("externallyManaged")]
    public bool? ExternallyManaged { get; set; }

    [JsonPropertyName("totalvfs")]
    public int? TotalVfs { get; set; }

    [JsonPropertyName("Vfs")]
    public List<VirtualFunction>? Vfs { get; set; }

    /// <summary>The netdev's alternative names (<c>ip link property add altname</c>).</summary>
    [JsonPropertyName("altNames")]
    public List<string>? AltNames { get; set; }
}
