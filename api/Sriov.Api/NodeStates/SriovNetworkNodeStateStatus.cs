using System.Text.Json.Serialization;

namespace Sriov.Api.NodeStates;

/// <summary>What the config daemon found on the node, and how the last sync went.</summary>
public sealed class SriovNetworkNodeStateStatus
{
    /// <summary>One entry per supported SR-IOV-capable PF.</summary>
    [JsonPropertyName("interfaces")]
    public List<InterfaceExt>? Interfaces { get; set; }

    [JsonPropertyName("bridges")]
    public Bridges.Bridges? Bridges { get; set; }

    [JsonPropertyName("system")]
    public SystemConfig? System { get; set; }

    /// <summary><c>Succeeded</c>, <c>Failed</c> or <c>InProgress</c>; see <see cref="Common.SyncStatuses"/>.</summary>
    [JsonPropertyName("syncStatus")]
    public string? SyncStatus { get; set; }

    [JsonPropertyName("lastSyncError")]
    public string? LastSyncError { get; set; }
}
