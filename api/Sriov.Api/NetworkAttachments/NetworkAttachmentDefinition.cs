using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Sriov.Api.NetworkAttachments;

/// <summary>The NPWG NetworkAttachmentDefinition (<c>k8s.cni.cncf.io/v1</c>) that Multus reads.</summary>
[KubernetesEntity(Group = GroupName, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class NetworkAttachmentDefinition : IKubernetesObject<V1ObjectMeta>, ISpec<NetworkAttachmentDefinitionSpec>
{
    public const string GroupName = "k8s.cni.cncf.io";
    public const string Version = "v1";
    public const string GroupVersion = GroupName + "/" + Version;
    public const string KindName = "NetworkAttachmentDefinition";
    public const string Plural = "network-attachment-definitions";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public NetworkAttachmentDefinitionSpec Spec { get; set; } = new();
}
