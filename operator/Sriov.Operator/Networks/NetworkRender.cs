using Sriov.Api.NetworkAttachments;

namespace Sriov.Operator.Networks;

/// <summary>The outcome of rendering one network CR: the NAD to write (if any) and the CR's Ready condition.</summary>
/// <param name="Kind">SriovNetwork, SriovIBNetwork or OVSNetwork.</param>
/// <param name="Namespace">The CR's namespace.</param>
/// <param name="Name">The CR's name (and the NAD's).</param>
/// <param name="Nad">The NAD to create or replace; null when nothing is written.</param>
/// <param name="Ready">The Ready condition status.</param>
/// <param name="Reason">The Ready condition reason (see <see cref="NetworkRenderer"/>).</param>
/// <param name="Message">The Ready condition message.</param>
/// <param name="DeleteFromNamespace">
/// The namespace of a NAD this CR wrote earlier (annotation <c>last-network-namespace</c>) that must be deleted
/// because the target namespace changed; null when none.
/// </param>
public sealed record NetworkRender(
    string Kind,
    string Namespace,
    string Name,
    NetworkAttachmentDefinition? Nad,
    bool Ready,
    string Reason,
    string Message,
    string? DeleteFromNamespace);
