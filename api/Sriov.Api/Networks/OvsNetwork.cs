using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>A network of switchdev VFs attached to OVS, rendered to a NetworkAttachmentDefinition for the `ovs` CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class OvsNetwork : IKubernetesObject<V1ObjectMeta>, ISpec<OvsNetworkSpec>, IStatus<NetworkStatus?>
{
    public const string KindName = "OVSNetwork";
    public const string Plural = "ovsnetworks";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public OvsNetworkSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public NetworkStatus? Status { get; set; }
}
