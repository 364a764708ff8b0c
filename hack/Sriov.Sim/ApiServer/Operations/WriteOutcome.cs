namespace Sriov.Sim.ApiServer.Operations;

/// <summary>What a write did.</summary>
internal enum WriteOutcome
{
    Created,
    Updated,

    /// <summary>The request changed nothing; nothing was written and the resourceVersion stayed.</summary>
    Unchanged,

    /// <summary>The object is gone (a delete, or an update that removed the last finalizer of a deleting object).</summary>
    Deleted,
}
