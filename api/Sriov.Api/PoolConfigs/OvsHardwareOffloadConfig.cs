using System.Text.Json.Serialization;

namespace Sriov.Api.PoolConfigs;

/// <summary>OpenShift only: the MachineConfigPool to enable OVS hardware offload on.</summary>
public sealed class OvsHardwareOffloadConfig
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
