using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NetworkAttachments;
using Sriov.Operator.Render;

namespace Sriov.Operator.Networks;

/// <summary>
/// SriovNetwork / SriovIBNetwork / OVSNetwork → NetworkAttachmentDefinition (operator.md §3): NAD name = CR name, in
/// <c>spec.networkNamespace</c> or the CR's namespace, annotated with the resource name and the owning CR.
/// </summary>
public static class NetworkRenderer
{
    public const string ReasonReady = "NetworkReady";
    public const string ReasonInvalid = "NetworkAttachmentDefinitionInvalid";
    public const string ReasonNamespaceNotFound = "NamespaceNotFound";
    public const string ReadyMessage = "NetworkAttachmentDefinition is provisioned and ready";

    /// <param name="network">A SriovNetwork, SriovIBNetwork or OvsNetwork.</param>
    /// <param name="settings">Operator namespace and resource prefix.</param>
    /// <param name="namespaces">The namespaces that exist, or null when unknown (then every target is assumed to exist).</param>
    /// <param name="existingNads">NADs already in the cluster, to detect one owned by another CR.</param>
    public static NetworkRender Render(
        object network,
        RenderSettings settings,
        IReadOnlyCollection<string>? namespaces,
        IEnumerable<NetworkAttachmentDefinition> existingNads)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(existingNads);
        var cr = NetworkCr.From(network);
        NetworkRender Fail(string reason, string message) =>
            new(cr.Kind, cr.Namespace, cr.Name, null, false, reason, message, null);

        if (!string.IsNullOrEmpty(cr.NetworkNamespace) && cr.Namespace != settings.OperatorNamespace)
        {
            return Fail(ReasonInvalid, $"spec.networkNamespace cannot be set when the resource is not in the operator namespace ({settings.OperatorNamespace})");
        }

        string config;
        try
        {
            config = cr.RenderConfig();
        }
        catch (NetworkConfigException e)
        {
            return Fail(ReasonInvalid, e.Message);
        }

        var target = cr.TargetNamespace;
        if (namespaces is not null && !namespaces.Contains(target))
        {
            return Fail(ReasonNamespaceNotFound, $"target namespace \"{target}\" does not exist");
        }

        var ownerRef = $"{cr.Kind}.{SriovGroup.Group}/{cr.Namespace}/{cr.Name}";
        var existing = existingNads.FirstOrDefault(n => n.Metadata.Name == cr.Name && n.Metadata.NamespaceProperty == target);
        if (existing?.Metadata.Annotations?.TryGetValue(SriovAnnotations.NadOwnerRef, out var owner) == true
            && !string.IsNullOrEmpty(owner) && owner != ownerRef)
        {
            return Fail(ReasonInvalid, $"NetworkAttachmentDefinition {target}/{cr.Name} already exists and is owned by {owner}; delete it or rename this {cr.Kind}");
        }

        var nad = new NetworkAttachmentDefinition
        {
            Metadata = new V1ObjectMeta
            {
                Name = cr.Name,
                NamespaceProperty = target,
                Annotations = new Dictionary<string, string>
                {
                    [SriovAnnotations.NadResourceName] = $"{settings.ResourcePrefix}/{cr.ResourceName}",
                    [SriovAnnotations.NadOwnerRef] = ownerRef,
                },
            },
            Spec = new NetworkAttachmentDefinitionSpec { Config = config },
        };

        // Only a same-namespace owner reference is legal; NADs in other namespaces are cleaned up by the finalizer.
        if (target == cr.Namespace && !string.IsNullOrEmpty(cr.Metadata.Uid))
        {
            nad.Metadata.OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = SriovGroup.ApiVersion,
                    Kind = cr.Kind,
                    Name = cr.Name,
                    Uid = cr.Metadata.Uid,
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ];
        }

        var last = cr.Metadata.Annotations?.TryGetValue(SriovAnnotations.LastNetworkNamespace, out var l) == true ? l : null;
        var stale = !string.IsNullOrEmpty(last) && last != target ? last : null;
        return new NetworkRender(cr.Kind, cr.Namespace, cr.Name, nad, true, ReasonReady, ReadyMessage, stale);
    }
}
