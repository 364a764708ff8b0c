using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DeviceInfo;

/// <summary>The <c>pci</c> member of a device-info file.</summary>
public sealed class PciDeviceInfo
{
    [JsonPropertyName("pci-address")]
    public string? PciAddress { get; set; }

    [JsonPropertyName("vhost-net")]
    public string? VhostNet { get; set; }

    /// <summary>Comma-joined RDMA device names (e.g. <c>mlx5_2,mlx5_3</c>); present only for RDMA devices.</summary>
    [JsonPropertyName("rdma-device")]
    public string? RdmaDevice { get; set; }

    [JsonPropertyName("pf-pci-address")]
    public string? PfPciAddress { get; set; }

    [JsonPropertyName("representor-device")]
    public string? RepresentorDevice { get; set; }
}
