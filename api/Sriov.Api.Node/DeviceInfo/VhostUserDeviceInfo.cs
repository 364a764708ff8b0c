using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DeviceInfo;

/// <summary>The <c>vhost-user</c> member of a device-info file.</summary>
public sealed class VhostUserDeviceInfo
{
    /// <summary><c>client</c> or <c>server</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
