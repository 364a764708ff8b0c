using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.NodeStates;

/// <summary>
/// One per node, named after the node, in the operator namespace. The operator writes <c>spec</c>; the config daemon
/// writes <c>status</c>.
/// </summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkNodeState : IKubernetesObject<V1ObjectMeta>, ISpec<SriovNetworkNodeStateSpec>, IStatus<SriovNetworkNodeStateStatus?>
{
    public const string KindName = "SriovNetworkNodeState";
    public const string Plural = "sriovnetworknodestates";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovNetworkNodeStateSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SriovNetworkNodeStateStatus? Status { get; set; }
}
