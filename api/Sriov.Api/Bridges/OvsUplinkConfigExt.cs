using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>The PF attached to a managed bridge.</summary>
public sealed class OvsUplinkConfigExt
{
    [JsonPropertyName("pciAddress")]
    public string PciAddress { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("interface")]
    public OvsInterfaceConfig? Interface { get; set; }
}
