using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Sriov.Api.NetworkAttachments;
using Sriov.Api.Networks;
using Sriov.Api.NodeStates;
using Sriov.Api.OperatorConfigs;
using Sriov.Api.Policies;
using Sriov.Api.PoolConfigs;

namespace Sriov.Api.Json;

/// <summary>
/// Source-generated JSON metadata for every kind of this project and its list type. Timestamps in
/// <c>metadata</c> and conditions use KubernetesClient's RFC 3339 converter, so the output is what the API server
/// expects. To use these types through a KubernetesClient instance, put this context first in its resolver chain:
/// <c>KubernetesJson.AddJsonOptions(o =&gt; o.TypeInfoResolverChain.Insert(0, SriovJsonContext.Default))</c>.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(KubernetesJson.KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(SriovNetworkNodePolicy))]
[JsonSerializable(typeof(KubernetesList<SriovNetworkNodePolicy>))]
[JsonSerializable(typeof(SriovNetworkNodeState))]
[JsonSerializable(typeof(KubernetesList<SriovNetworkNodeState>))]
[JsonSerializable(typeof(SriovNetwork))]
[JsonSerializable(typeof(KubernetesList<SriovNetwork>))]
[JsonSerializable(typeof(SriovIBNetwork))]
[JsonSerializable(typeof(KubernetesList<SriovIBNetwork>))]
[JsonSerializable(typeof(OvsNetwork))]
[JsonSerializable(typeof(KubernetesList<OvsNetwork>))]
[JsonSerializable(typeof(SriovOperatorConfig))]
[JsonSerializable(typeof(KubernetesList<SriovOperatorConfig>))]
[JsonSerializable(typeof(SriovNetworkPoolConfig))]
[JsonSerializable(typeof(KubernetesList<SriovNetworkPoolConfig>))]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
[JsonSerializable(typeof(KubernetesList<NetworkAttachmentDefinition>))]
[JsonSerializable(typeof(V1ObjectMeta))]
public sealed partial class SriovJsonContext : JsonSerializerContext
{
}
