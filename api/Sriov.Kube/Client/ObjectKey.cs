using k8s;
using k8s.Models;

namespace Sriov.Kube.Client;

/// <summary>
/// Names one object: namespace (null for cluster-scoped kinds) and name. Its text form is client-go's cache key,
/// <c>namespace/name</c> or <c>name</c>, so it serves as the informer cache key and the work-queue item.
/// </summary>
public readonly record struct ObjectKey
{
    public ObjectKey(string? @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Name = name;
    }

    /// <summary>The namespace, or null for a cluster-scoped object.</summary>
    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>The key of a cluster-scoped object (a Node, ...).</summary>
    public static ObjectKey Cluster(string name) => new(null, name);

    /// <summary>The key of an object, from its metadata.</summary>
    public static ObjectKey Of(IMetadata<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("the object has no metadata.name", nameof(obj));
        }

        return new ObjectKey(obj.Metadata!.NamespaceProperty, name);
    }

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(null, key) : new ObjectKey(key[..slash], key[(slash + 1)..]);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
