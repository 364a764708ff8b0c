using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DeviceInfo;

/// <summary>The <c>vdpa</c> member of a device-info file.</summary>
public sealed class VdpaDeviceInfo
{
    [JsonPropertyName("parent-device")]
    public string? ParentDevice { get; set; }

    /// <summary><c>vhost</c> or <c>virtio</c>.</summary>
    [JsonPropertyName("driver")]
    public string? Driver { get; set; }

    /// <summary>The vhost-vdpa character device (e.g. <c>/dev/vhost-vdpa-1</c>); vhost only.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("pci-address")]
    public string? PciAddress { get; set; }

    [JsonPropertyName("pf-pci-address")]
    public string? PfPciAddress { get; set; }

    [JsonPropertyName("representor-device")]
    public string? RepresentorDevice { get; set; }
}
