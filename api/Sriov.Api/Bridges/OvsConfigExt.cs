using System.Text.Json.Serialization;

namespace Sriov.Api.Bridges;

/// <summary>One managed OVS bridge on a node: <c>br-&lt;pci with ':' replaced by '_'&gt;</c> with exactly one uplink.</summary>
public sealed class OvsConfigExt
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("bridge")]
    public OvsBridgeConfig? Bridge { get; set; }

    [JsonPropertyName("uplinks")]
    public List<OvsUplinkConfigExt>? Uplinks { get; set; }
}
