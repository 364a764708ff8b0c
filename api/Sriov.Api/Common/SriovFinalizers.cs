namespace Sriov.Api.Common;

/// <summary>Finalizers shared with upstream.</summary>
public static class SriovFinalizers
{
    public const string NetworkAttachmentDefinition = "netattdef.finalizers.sriovnetwork.openshift.io";
    public const string OperatorConfig = "operatorconfig.finalizers.sriovnetwork.openshift.io";
    public const string PoolConfig = "poolconfig.finalizers.sriovnetwork.openshift.io";
}
