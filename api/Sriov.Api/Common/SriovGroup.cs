namespace Sriov.Api.Common;

/// <summary>The API group and version of every kind this project defines.</summary>
public static class SriovGroup
{
    public const string Group = "sriovnetwork.openshift.io";
    public const string Version = "v1";
    public const string ApiVersion = Group + "/" + Version;
}
