using k8s.Models;
using Sriov.Api.Networks;

namespace Sriov.Operator.Networks;

/// <summary>What NAD rendering needs from any of the three network kinds.</summary>
internal sealed record NetworkCr(string Kind, V1ObjectMeta Metadata, string? NetworkNamespace, string? ResourceName, Func<string> RenderConfig)
{
    /// <exception cref="ArgumentException">Not a SriovNetwork, SriovIBNetwork or OVSNetwork.</exception>
    public static NetworkCr From(object network) => network switch
    {
        SriovNetwork n => new(SriovNetwork.KindName, n.Metadata, n.Spec.NetworkNamespace, n.Spec.ResourceName, () => SriovCniConfig.Render(n)),
        SriovIBNetwork n => new(SriovIBNetwork.KindName, n.Metadata, n.Spec.NetworkNamespace, n.Spec.ResourceName, () => IbSriovCniConfig.Render(n)),
        OvsNetwork n => new(OvsNetwork.KindName, n.Metadata, n.Spec.NetworkNamespace, n.Spec.ResourceName, () => OvsCniConfig.Render(n)),
        _ => throw new ArgumentException($"{network?.GetType().Name ?? "null"} is not a network kind", nameof(network)),
    };

    public string Namespace => Metadata.NamespaceProperty ?? "";

    public string Name => Metadata.Name;

    /// <summary>Where the NAD goes: <c>spec.networkNamespace</c>, else the CR's own namespace.</summary>
    public string TargetNamespace => string.IsNullOrEmpty(NetworkNamespace) ? Namespace : NetworkNamespace;
}
