using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DeviceInfo;

/// <summary>
/// The NPWG device-info file (spec version 1.1.0) the device plugin writes at Allocate to
/// <c>/var/run/k8s.cni.cncf.io/devinfo/dp/&lt;prefix&gt;-&lt;resourceName&gt;-&lt;deviceID&gt;-device.json</c>;
/// exactly one of the typed members is set, matching <see cref="Type"/>.
/// </summary>
public sealed class DeviceInfoFile
{
    /// <summary>The device-info spec version this project writes.</summary>
    public const string CurrentVersion = "1.1.0";

    /// <summary><c>pci</c>, <c>vdpa</c>, <c>vhost-user</c> or <c>memif</c>; see <see cref="DeviceInfoTypes"/>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("pci")]
    public PciDeviceInfo? Pci { get; set; }

    [JsonPropertyName("vdpa")]
    public VdpaDeviceInfo? Vdpa { get; set; }

    [JsonPropertyName("vhost-user")]
    public VhostUserDeviceInfo? VhostUser { get; set; }

    [JsonPropertyName("memif")]
    public MemifDeviceInfo? Memif { get; set; }
}
