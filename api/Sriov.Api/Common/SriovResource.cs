using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Sriov.Api.Common;

/// <summary>The shape shared by every kind of <c>sriovnetwork.openshift.io/v1</c>: apiVersion, kind, metadata, spec, status.</summary>
/// <typeparam name="TSpec">The kind's spec.</typeparam>
/// <typeparam name="TStatus">The kind's status (absent until written).</typeparam>
public abstract class SriovResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    protected SriovResource(string kind) => Kind = kind;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SriovGroup.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
