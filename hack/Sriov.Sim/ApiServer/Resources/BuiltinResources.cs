namespace Sriov.Sim.ApiServer.Resources;

/// <summary>
/// The built-in kinds the emulator serves: those the SR-IOV stack reads or writes, plus the kinds its manifests
/// contain (RBAC, webhook configurations, services), stored but not acted on.
/// </summary>
internal static class BuiltinResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("Namespace", "namespaces", false, ["ns"]) with
        {
            HasStatus = true, ReturnsDeletedObject = true, NameRule = NameRule.Label,
            FieldSelectors = Fields("status.phase"),
        },
        Core("Node", "nodes", false, ["no"]) with
        {
            HasStatus = true, ReturnsDeletedObject = true, FieldSelectors = Fields("spec.unschedulable"),
        },
        Core("Pod", "pods", true, ["po"]) with
        {
            HasStatus = true, ClearsStatusOnCreate = true, ReturnsDeletedObject = true,
            ExtraSubresources = ["eviction"], Categories = ["all"],
            FieldSelectors = Fields("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP",
                "status.nominatedNodeName"),
        },
        Core("ConfigMap", "configmaps", true, ["cm"]),
        Core("Secret", "secrets", true, []) with { FieldSelectors = Fields("type") },
        Core("Event", "events", true, ["ev"]) with
        {
            FieldSelectors = Fields("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
        },
        Core("ServiceAccount", "serviceaccounts", true, ["sa"]),
        Core("Service", "services", true, ["svc"]) with
        {
            HasStatus = true, ReturnsDeletedObject = true, Categories = ["all"],
        },
        Workload("apps", "v1", "Deployment", "deployments", ["deploy"]),
        Workload("apps", "v1", "DaemonSet", "daemonsets", ["ds"]),
        Workload("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", ["pdb"]) with { Categories = [] },
        Group("coordination.k8s.io", "v1", "Lease", "leases", true),
        Group("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false) with
        {
            ShortNames = ["crd", "crds"], HasStatus = true, TracksGeneration = true, ClearsStatusOnCreate = true,
            ReturnsDeletedObject = true, Categories = ["api-extensions"],
        },
        Group("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        Group("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        Group("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        Group("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        Group("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
            "mutatingwebhookconfigurations", false),
        Group("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
            "validatingwebhookconfigurations", false),
    ];

    private static ResourceType Core(string kind, string plural, bool namespaced, IReadOnlyList<string> shortNames) =>
        new() { Group = "", Version = "v1", Kind = kind, Plural = plural, Namespaced = namespaced, ShortNames = shortNames };

    private static ResourceType Group(string group, string version, string kind, string plural, bool namespaced) =>
        new() { Group = group, Version = version, Kind = kind, Plural = plural, Namespaced = namespaced };

    private static ResourceType Workload(string group, string version, string kind, string plural,
        IReadOnlyList<string> shortNames) =>
        Group(group, version, kind, plural, true) with
        {
            ShortNames = shortNames, HasStatus = true, TracksGeneration = true, ClearsStatusOnCreate = true,
            Categories = ["all"],
        };

    private static HashSet<string> Fields(params string[] fields) => new(fields, StringComparer.Ordinal);
}
