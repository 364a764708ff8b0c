namespace Sriov.Kube.Informers;

public enum InformerEventType
{
    /// <summary>The object entered the cache (created, entered the selector, or first seen by a list).</summary>
    Added,

    /// <summary>The object changed (a new resourceVersion).</summary>
    Modified,

    /// <summary>The object left the cache (deleted, left the selector, or missing from a re-list).</summary>
    Deleted,
}
