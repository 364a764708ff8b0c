namespace Sriov.Api.Common;

/// <summary>Annotation keys shared with upstream (operator.md §1.8 and §4.6).</summary>
public static class SriovAnnotations
{
    /// <summary>On a node state, written by the config daemon: the drain it wants.</summary>
    public const string DesiredState = "sriovnetwork.openshift.io/desired-state";

    /// <summary>On a node state, written by the operator's drain controller.</summary>
    public const string CurrentState = "sriovnetwork.openshift.io/current-state";

    public const string UseExternalDrainer = "sriovnetwork.openshift.io/use-external-drainer";

    /// <summary>On a stale node state: RFC 3339 time after which the operator deletes it.</summary>
    public const string KeepStateUntil = "sriovnetwork.openshift.io/keep-state-until";

    /// <summary>On a Node (drain request from the daemon) and on OpenShift MachineConfigPools.</summary>
    public const string NodeState = "sriovnetwork.openshift.io/state";

    /// <summary>On a NetworkAttachmentDefinition: <c>&lt;prefix&gt;/&lt;resourceName&gt;</c>, read by Multus.</summary>
    public const string NadResourceName = "k8s.v1.cni.cncf.io/resourceName";

    /// <summary>On a NetworkAttachmentDefinition: <c>&lt;Kind&gt;.sriovnetwork.openshift.io/&lt;namespace&gt;/&lt;name&gt;</c> of the network CR that owns it.</summary>
    public const string NadOwnerRef = "sriovnetwork.openshift.io/owner-ref";

    /// <summary>On a network CR: the namespace its NAD was last written to.</summary>
    public const string LastNetworkNamespace = "operator.sriovnetwork.openshift.io/last-network-namespace";

    /// <summary>On a device-plugin pod while it waits for its node to be configured.</summary>
    public const string DevicePluginWaitConfig = "sriovnetwork.openshift.io/device-plugin-wait-config";
}
