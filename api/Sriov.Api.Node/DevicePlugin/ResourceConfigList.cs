using System.Text.Json.Serialization;

namespace Sriov.Api.Node.DevicePlugin;

/// <summary>
/// The device plugin's resource config file (<c>/etc/pcidp/config.json</c>, or one key per node of the operator's
/// <c>device-plugin-config</c> ConfigMap): <c>{"resourceList":[...]}</c>.
/// </summary>
public sealed class ResourceConfigList
{
    [JsonPropertyName("resourceList")]
    public List<ResourceConfig>? ResourceList { get; set; }
}
