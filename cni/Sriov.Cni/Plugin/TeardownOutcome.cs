namespace Sriov.Cni.Plugin;

/// <summary>How a teardown ended.</summary>
internal enum TeardownOutcome
{
    /// <summary>Everything is back (or permanently gone); the journal and the allocation record can go.</summary>
    Done,

    /// <summary>The pod's netns is gone and the VF netdev has not come back to the host yet; the journal stays.</summary>
    AwaitingReturn,
}
