namespace Sriov.Sim.ApiServer.Patch;

/// <summary>The PATCH content types the emulator accepts.</summary>
internal enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c>; built-in kinds only.</summary>
    Strategic,

    /// <summary><c>application/apply-patch+yaml</c>: server-side apply, approximated as a merge.</summary>
    Apply,
}
