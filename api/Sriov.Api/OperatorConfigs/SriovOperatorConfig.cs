using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.OperatorConfigs;

/// <summary>The operator's singleton configuration; only the one named `default` in the operator namespace is used.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovOperatorConfig : IKubernetesObject<V1ObjectMeta>, ISpec<SriovOperatorConfigSpec>, IStatus<SriovOperatorConfigStatus?>
{
    public const string KindName = "SriovOperatorConfig";
    public const string Plural = "sriovoperatorconfigs";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public SriovOperatorConfigSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SriovOperatorConfigStatus? Status { get; set; }
}
