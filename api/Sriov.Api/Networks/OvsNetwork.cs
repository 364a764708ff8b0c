using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>A network of switchdev VFs attached to OVS, rendered to a NetworkAttachmentDefinition for the <c>ovs</c> CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class OvsNetwork : SriovResource<OvsNetworkSpec, NetworkStatus>
{
    public const string KindName = "OVSNetwork";
    public const string Plural = "ovsnetworks";

    public OvsNetwork()
        : base(KindName)
    {
    }
}
