namespace Sriov.Api.Common;

/// <summary>Fixed object names shared with upstream.</summary>
public static class SriovObjectNames
{
    /// <summary>The singleton SriovOperatorConfig; a policy of this name is legacy and ignored.</summary>
    public const string Default = "default";

    /// <summary>ConfigMap with one key per node name holding that node's device-plugin config JSON.</summary>
    public const string DevicePluginConfigMap = "device-plugin-config";

    /// <summary>ConfigMap listing the supported NIC models: <c>"&lt;vendor&gt; &lt;pf device&gt; &lt;vf device&gt;"</c> per key.</summary>
    public const string SupportedNicIdsConfigMap = "supported-nic-ids";

    /// <summary>The operator namespace the Helm chart and manifests use.</summary>
    public const string DefaultOperatorNamespace = "sriov-network-operator";

    /// <summary>The resource prefix the Helm chart uses.</summary>
    public const string DefaultResourcePrefix = "openshift.io";
}
