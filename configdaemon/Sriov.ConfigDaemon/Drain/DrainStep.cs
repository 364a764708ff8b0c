namespace Sriov.ConfigDaemon.Drain;

/// <summary>What the daemon does about draining before it applies a plan.</summary>
internal enum DrainStep
{
    /// <summary>Apply now: no drain is needed, drains are disabled, or the operator reports the node drained.</summary>
    Apply,

    /// <summary>Ask the operator for a drain (desired-state and the Node's state annotation), then wait.</summary>
    Request,

    /// <summary>A drain is asked for and not complete yet: wait for current-state to change.</summary>
    Wait,
}
