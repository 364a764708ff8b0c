using k8s.Models;
using Sriov.Api.Common;

namespace Sriov.Api.OperatorConfigs;

/// <summary>The operator's singleton configuration; only the one named <c>default</c> in the operator namespace is used.</summary>
[KubernetesEntity(Group = SriovGroup.Group, ApiVersion = SriovGroup.Version, Kind = KindName, PluralName = Plural)]
public sealed class SriovOperatorConfig : SriovResource<SriovOperatorConfigSpec, SriovOperatorConfigStatus>
{
    public const string KindName = "SriovOperatorConfig";
    public const string Plural = "sriovoperatorconfigs";

    public SriovOperatorConfig()
        : base(KindName)
    {
    }
}
