using System.Text.Json.Serialization;
using Sriov.Api.Bridges;

namespace Sriov.Api.Policies;

/// <summary>The spec of a <see cref="SriovNetworkNodePolicy"/> (operator.md §1.1). Absent fields stay null.</summary>
public sealed class SriovNetworkNodePolicySpec
{
    /// <summary>Advertised as <c>&lt;RESOURCE_PREFIX&gt;/&lt;resourceName&gt;</c>.</summary>
    [JsonPropertyName("resourceName")]
    public string? ResourceName { get; set; }

    /// <summary>Exact label equality; every pair must match.</summary>
    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>0 is the highest priority, 99 the lowest; the webhook sets 99 when absent.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }

    [JsonPropertyName("numVfs")]
    public int? NumVfs { get; set; }

    [JsonPropertyName("nicSelector")]
    public NicSelector? NicSelector { get; set; }

    /// <summary><c>netdevice</c> (CRD default) or <c>vfio-pci</c>.</summary>
    [JsonPropertyName("deviceType")]
    public string? DeviceType { get; set; }

    [JsonPropertyName("isRdma")]
    public bool? IsRdma { get; set; }

    [JsonPropertyName("needVhostNet")]
    public bool? NeedVhostNet { get; set; }

    /// <summary><c>eth</c>, <c>ETH</c>, <c>ib</c> or <c>IB</c>.</summary>
    [JsonPropertyName("linkType")]
    public string? LinkType { get; set; }

    /// <summary><c>legacy</c> or <c>switchdev</c>.</summary>
    [JsonPropertyName("eSwitchMode")]
    public string? ESwitchMode { get; set; }

    [JsonPropertyName("eSwitchParams")]
    public ESwitchParams? ESwitchParams { get; set; }

    /// <summary><c>virtio</c> or <c>vhost</c>.</summary>
    [JsonPropertyName("vdpaType")]
    public string? VdpaType { get; set; }

    [JsonPropertyName("excludeTopology")]
    public bool? ExcludeTopology { get; set; }

    [JsonPropertyName("externallyManaged")]
    public bool? ExternallyManaged { get; set; }

    [JsonPropertyName("bridge")]
    public BridgeSpec? Bridge { get; set; }
}
