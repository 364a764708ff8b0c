namespace Sriov.Sim.ApiServer.Objects;

/// <summary>One entry of <c>metadata.ownerReferences</c>.</summary>
internal sealed record OwnerReference(
    string ApiVersion, string Kind, string Name, string Uid, bool BlockOwnerDeletion, bool Controller);
