namespace Sriov.Sim.ApiServer.Watch;

/// <summary>The <c>type</c> of a watch event line.</summary>
internal enum WatchItemKind
{
    Added,
    Modified,
    Deleted,
    Bookmark,

    /// <summary>The BOOKMARK that ends the initial events of a <c>sendInitialEvents=true</c> watch.</summary>
    InitialEventsEnd,
}
