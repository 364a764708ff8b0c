using Sriov.Sim.ApiServer.Resources;

namespace Sriov.Sim.ApiServer.Behaviors;

/// <summary>Picks the behaviour of a resource.</summary>
internal static class KindBehaviors
{
    private static readonly PodBehavior Pod = new();
    private static readonly NamespaceBehavior Namespace = new();
    private static readonly SecretBehavior Secret = new();
    private static readonly CrdBehavior Crd = new();
    private static readonly CustomResourceBehavior CustomResource = new();

    public static KindBehavior For(ResourceType rt) => rt.IsCustom ? CustomResource : rt.StorageKey switch
    {
        "/pods" => Pod,
        "/namespaces" => Namespace,
        "/secrets" => Secret,
        "apiextensions.k8s.io/customresourcedefinitions" => Crd,
        _ => KindBehavior.Plain,
    };
}
