namespace Sriov.Operator.Render;

/// <summary>What the operator does with a node's SriovNetworkNodeState after rendering (operator.md §2.3).</summary>
public enum NodeStateAction
{
    /// <summary>The state does not exist yet: create it with an empty spec (the daemon then reports the NICs).</summary>
    Create,

    /// <summary>Write the rendered spec (the controller skips the write when it equals the current one).</summary>
    Update,

    /// <summary>The daemon has not reported <c>status.interfaces</c> yet: leave the spec as it is.</summary>
    WaitForStatus,

    /// <summary>The node could not be rendered (see the errors): leave its state, label and device-plugin config as they are.</summary>
    Failed,
}
