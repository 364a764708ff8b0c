using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Networks;

/// <summary>A network of kernel-netdevice or DPDK VFs, rendered to a NetworkAttachmentDefinition for the <c>sriov</c> CNI.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetwork : SriovResource<SriovNetworkSpec, NetworkStatus>
{
    public const string KindName = "SriovNetwork";
    public const string Plural = "sriovnetworks";

    public SriovNetwork()
        : base(KindName)
    {
    }
}
