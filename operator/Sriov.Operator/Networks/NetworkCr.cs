using k8s.Models;
using Sriov.Api.Networks;

namespace Sriov.Operator.Networks;

/// <summary>What NAD rendering needs from any of the three network kinds.</summary>
internal sealed record NetworkCr(string Kind, V1ObjectMeta Metadata, NetworkSpec Spec, Func<string> RenderConfig)
{
    /// <exception cref="ArgumentException">Not a SriovNetwork, SriovIBNetwork or OVSNetwork.</exception>
    public static NetworkCr From(object network) => network switch
    {
        SriovNetwork n => new(n.Kind, n.Metadata, n.Spec, () => SriovCniConfig.Render(n)),
        SriovIBNetwork n => new(n.Kind, n.Metadata, n.Spec, () => IbSriovCniConfig.Render(n)),
        OvsNetwork n => new(n.Kind, n.Metadata, n.Spec, () => OvsCniConfig.Render(n)),
        _ => throw new ArgumentException($"{network?.GetType().Name ?? "null"} is not a network kind", nameof(network)),
    };

    public string Namespace => Metadata.NamespaceProperty ?? "";

    public string Name => Metadata.Name;

    public string? NetworkNamespace => Spec.NetworkNamespace;

    public string? ResourceName => Spec.ResourceName;

    /// <summary>Where the NAD goes: <c>spec.networkNamespace</c>, else the CR's own namespace.</summary>
    public string TargetNamespace => string.IsNullOrEmpty(NetworkNamespace) ? Namespace : NetworkNamespace;
}
