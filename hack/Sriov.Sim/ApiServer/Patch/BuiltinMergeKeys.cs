namespace Sriov.Sim.ApiServer.Patch;

/// <summary>
/// The <c>patchMergeKey</c>/<c>patchStrategy</c> tags of the built-in fields the stack's manifests use (pod
/// templates, services, conditions, owner references, finalizers). A path names list fields with <c>[]</c> after each
/// list element, e.g. <c>spec.template.spec.containers[].ports</c>. The real API server reads these tags from the Go
/// types for every field; this table is the approximation recorded in docs/simulation.md.
/// </summary>
internal static class BuiltinMergeKeys
{
    private static readonly (string Suffix, ListMerge Rule)[] Rules =
    [
        ("containers[].ports", new ListMerge("containerPort")),
        ("initContainers[].ports", new ListMerge("containerPort")),
        ("containers", new ListMerge("name")),
        ("initContainers", new ListMerge("name")),
        ("ephemeralContainers", new ListMerge("name")),
        ("volumes", new ListMerge("name")),
        ("env", new ListMerge("name")),
        ("volumeMounts", new ListMerge("mountPath")),
        ("volumeDevices", new ListMerge("devicePath")),
        ("imagePullSecrets", new ListMerge("name")),
        ("hostAliases", new ListMerge("ip")),
        ("conditions", new ListMerge("type")),
        ("status.addresses", new ListMerge("type")),
        ("metadata.ownerReferences", new ListMerge("uid")),
        ("metadata.finalizers", new ListMerge(null)),
    ];

    public static ListMerge? For(string path)
    {
        foreach (var (suffix, rule) in Rules)
        {
            if (path == suffix || path.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        // A Service's ports merge by port number; container ports were matched above.
        return path == "spec.ports" ? new ListMerge("port") : null;
    }
}
