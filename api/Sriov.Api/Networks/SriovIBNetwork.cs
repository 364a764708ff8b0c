using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>An InfiniBand VF network, rendered to a NetworkAttachmentDefinition for the `ib-sriov` CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovIBNetwork : IKubernetesObject<V1ObjectMeta>, ISpec<SriovIBNetworkSpec>, IStatus<NetworkStatus?>
{
    public const string KindName = "SriovIBNetwork";
    public const string Plural = "sriovibnetworks";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovIBNetworkSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public NetworkStatus? Status { get; set; }
}
