using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.NodeStates;

/// <summary>
/// One per node, named after the node, in the operator namespace. The operator writes <c>spec</c>; the config daemon
/// writes <c>status</c>.
/// </summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkNodeState : SriovResource<SriovNetworkNodeStateSpec, SriovNetworkNodeStateStatus>
{
    public const string KindName = "SriovNetworkNodeState";
    public const string Plural = "sriovnetworknodestates";

    public SriovNetworkNodeState()
        : base(KindName)
    {
    }
}
