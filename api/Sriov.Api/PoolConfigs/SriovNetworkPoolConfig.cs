using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.PoolConfigs;

/// <summary>A pool of nodes: how many may drain at once, and the RDMA netns mode of its nodes.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkPoolConfig : IKubernetesObject<V1ObjectMeta>, ISpec<SriovNetworkPoolConfigSpec>, IStatus<SriovNetworkPoolConfigStatus?>
{
    public const string KindName = "SriovNetworkPoolConfig";
    public const string Plural = "sriovnetworkpoolconfigs";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovNetworkPoolConfigSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SriovNetworkPoolConfigStatus? Status { get; set; }
}
