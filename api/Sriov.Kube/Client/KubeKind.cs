using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Sriov.Kube.Client;

/// <summary>
/// Where a kind lives in the API: group (empty for the core group), version, plural and kind name, read from the
/// <see cref="KubernetesEntityAttribute"/> that KubernetesClient's models (<c>V1Node</c>, <c>V1ConfigMap</c>, ...) and
/// our CRD types carry. One description serves every kind, so no client code is written per kind.
/// </summary>
public sealed record KubeKind(string Group, string Version, string Plural, string Kind)
{
    private static readonly ConcurrentDictionary<Type, KubeKind> Cache = new();

    /// <summary><c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of <typeparamref name="T"/>, from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static KubeKind Of<T>() => Of(typeof(T));

    /// <summary>The kind of <paramref name="type"/>, from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static KubeKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.GetOrAdd(type, static t =>
        {
            var entity = t.GetCustomAttribute<KubernetesEntityAttribute>()
                         ?? throw new ArgumentException(
                             $"type {t.FullName} has no [KubernetesEntity] attribute; add one naming its group, version, kind and plural",
                             nameof(type));
            if (string.IsNullOrEmpty(entity.PluralName) || string.IsNullOrEmpty(entity.ApiVersion) ||
                string.IsNullOrEmpty(entity.Kind))
            {
                throw new ArgumentException(
                    $"type {t.FullName}: [KubernetesEntity] must set ApiVersion, Kind and PluralName " +
                    $"(has ApiVersion='{entity.ApiVersion}', Kind='{entity.Kind}', PluralName='{entity.PluralName}')",
                    nameof(type));
            }

            return new KubeKind(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind);
        });
    }

    /// <summary>The kind of <paramref name="type"/>, or null when it has no usable attribute.</summary>
    public static KubeKind? TryOf(Type type)
    {
        try
        {
            return Of(type);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public override string ToString() => Group.Length == 0 ? $"{Plural}.{Version}" : $"{Plural}.{Version}.{Group}";
}
