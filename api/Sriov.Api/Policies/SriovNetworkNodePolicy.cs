using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Policies;

/// <summary>Which VFs to create on which NICs of which nodes, and how the device plugin advertises them.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkNodePolicy : IKubernetesObject<V1ObjectMeta>, ISpec<SriovNetworkNodePolicySpec>, IStatus<SriovNetworkNodePolicyStatus?>
{
    public const string KindName = "SriovNetworkNodePolicy";
    public const string Plural = "sriovnetworknodepolicies";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovNetworkNodePolicySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SriovNetworkNodePolicyStatus? Status { get; set; }
}
