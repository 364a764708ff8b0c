namespace Sriov.Sim.ApiServer.Operations;

/// <summary>How a delete treats the objects that name the deleted one as owner.</summary>
internal enum PropagationPolicy
{
    /// <summary>Delete the owner now; the garbage collector deletes dependents afterwards (the default).</summary>
    Background,

    /// <summary>Keep the owner (finalizer <c>foregroundDeletion</c>) until blocking dependents are gone.</summary>
    Foreground,

    /// <summary>Remove the owner reference from dependents (finalizer <c>orphan</c>), then delete the owner.</summary>
    Orphan,
}
