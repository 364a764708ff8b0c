using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>A network of kernel-netdevice or DPDK VFs, rendered to a NetworkAttachmentDefinition for the `sriov` CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetwork : IKubernetesObject<V1ObjectMeta>, ISpec<SriovNetworkSpec>, IStatus<NetworkStatus?>
{
    public const string KindName = "SriovNetwork";
    public const string Plural = "sriovnetworks";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovNetworkSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public NetworkStatus? Status { get; set; }
}
