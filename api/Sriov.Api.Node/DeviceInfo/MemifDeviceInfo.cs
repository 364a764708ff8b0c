using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DeviceInfo;

/// <summary>The <c>memif</c> member of a device-info file.</summary>
public sealed class MemifDeviceInfo
{
    /// <summary><c>master</c> or <c>slave</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary><c>ethernet</c>, <c>ip</c> or <c>punt</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }
}
