using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>
/// One selector object. Fields are ANDed; the values inside one list are ORed; an absent or empty list does not filter.
/// This is the union of the netDevice, accelerator and auxNetDevice selector fields; which ones apply depends on the
/// resource's device type. Keys are read case-insensitively (upstream parses with Go's encoding/json, which matches
/// keys that way), so <c>isRdma</c> and <c>IsRdma</c> are the same key.
/// </summary>
public sealed class ResourceSelector
{
    /// <summary>4-digit lowercase hex vendor ids, e.g. <c>8086</c>.</summary>
    [JsonPropertyName("vendors")]
    public List<string>? Vendors { get; set; }

    /// <summary>4-digit lowercase hex device ids (of the VF when selecting VFs), e.g. <c>154c</c>.</summary>
    [JsonPropertyName("devices")]
    public List<string>? Devices { get; set; }

    [JsonPropertyName("drivers")]
    public List<string>? Drivers { get; set; }

    /// <summary>Full <c>DDDD:BB:DD.F</c> addresses, exact match.</summary>
    [JsonPropertyName("pciAddresses")]
    public List<string>? PciAddresses { get; set; }

    [JsonPropertyName("acpiIndexes")]
    public List<string>? AcpiIndexes { get; set; }

    /// <summary>PF netdev names, each optionally with a VF index list: <c>ens1f0#0,2-7</c>.</summary>
    [JsonPropertyName("pfNames")]
    public List<string>? PfNames { get; set; }

    /// <summary>PF PCI addresses, each optionally with a VF index list.</summary>
    [JsonPropertyName("rootDevices")]
    public List<string>? RootDevices { get; set; }

    /// <summary>Netlink encapsulation type of the device's netdev: <c>ether</c>, <c>infiniband</c>.</summary>
    [JsonPropertyName("linkTypes")]
    public List<string>? LinkTypes { get; set; }

    [JsonPropertyName("ddpProfiles")]
    public List<string>? DdpProfiles { get; set; }

    /// <summary>Keep only RDMA-capable devices. Upstream's Go field has no JSON tag, so it is written <c>IsRdma</c>.</summary>
    [JsonPropertyName("IsRdma")]
    public bool IsRdma { get; set; }

    /// <summary>Not a filter: mount <c>/dev/vhost-net</c> and <c>/dev/net/tun</c>. Written <c>NeedVhostNet</c> like upstream.</summary>
    [JsonPropertyName("NeedVhostNet")]
    public bool NeedVhostNet { get; set; }

    /// <summary><c>vhost</c> or <c>virtio</c>.</summary>
    [JsonPropertyName("vdpaType")]
    public string? VdpaType { get; set; }

    /// <summary>InfiniBand partition keys, e.g. <c>0x7fff</c>.</summary>
    [JsonPropertyName("pKeys")]
    public List<string>? PKeys { get; set; }

    /// <summary>auxNetDevice only; must be <c>["sf"]</c>.</summary>
    [JsonPropertyName("auxTypes")]
    public List<string>? AuxTypes { get; set; }
}
