using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.PoolConfigs;

/// <summary>A pool of nodes: how many may drain at once, and the RDMA netns mode of its nodes.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovNetworkPoolConfig : SriovResource<SriovNetworkPoolConfigSpec, SriovNetworkPoolConfigStatus>
{
    public const string KindName = "SriovNetworkPoolConfig";
    public const string Plural = "sriovnetworkpoolconfigs";

    public SriovNetworkPoolConfig()
        : base(KindName)
    {
    }
}
