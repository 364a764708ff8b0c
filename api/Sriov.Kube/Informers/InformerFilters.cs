using k8s;
using k8s.Models;

namespace Sriov.Kube.Informers;

/// <summary>
/// Which informer events are worth a reconcile, as controller-runtime's predicates decide them. A controller that
/// writes the status of what it watches must not be woken by its own writes: the status subresource never bumps
/// <c>metadata.generation</c> (the API server bumps it only for changes outside metadata and status), so a filter on
/// generation and annotations lets spec and annotation changes through and drops status-only updates.
/// </summary>
public static class InformerFilters
{
    /// <summary>
    /// controller-runtime's <c>GenerationChangedPredicate</c> OR <c>AnnotationChangedPredicate</c> (upstream's daemon
    /// watches its node state so, operator.md §4.1): Added and Deleted always pass; Modified passes when
    /// <c>metadata.generation</c> or <c>metadata.annotations</c> differ from the cached object before the change.
    /// </summary>
    public static bool GenerationOrAnnotationsChanged<T>(InformerEvent<T> e)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type != InformerEventType.Modified || e.Previous is null)
        {
            return true;
        }

        var before = e.Previous.Metadata;
        var after = e.Item.Metadata;
        return before?.Generation != after?.Generation || !SameAnnotations(before?.Annotations, after?.Annotations);
    }

    private static bool SameAnnotations(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true; // both empty
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
