using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>An InfiniBand VF network, rendered to a NetworkAttachmentDefinition for the <c>ib-sriov</c> CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovIBNetwork : SriovResource<SriovIBNetworkSpec, NetworkStatus>
{
    public const string KindName = "SriovIBNetwork";
    public const string Plural = "sriovibnetworks";

    public SriovIBNetwork()
        : base(KindName)
    {
    }
}
