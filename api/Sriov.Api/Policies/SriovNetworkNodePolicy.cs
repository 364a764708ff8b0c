using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.Policies;

/// <summary>Which VFs to create on which NICs of which nodes, and how the device plugin advertises them.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkNodePolicy : SriovResource<SriovNetworkNodePolicySpec, SriovNetworkNodePolicyStatus>
{
    public const string KindName = "SriovNetworkNodePolicy";
    public const string Plural = "sriovnetworknodepolicies";

    public SriovNetworkNodePolicy()
        : base(KindName)
    {
    }
}
