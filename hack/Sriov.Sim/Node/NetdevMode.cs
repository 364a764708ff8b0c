namespace Sriov.Sim.Node;

/// <summary>What a simulated node's network interfaces are.</summary>
public enum NetdevMode
{
    /// <summary>Directories of attribute files in the tree (fast, no root needed; cannot be moved or configured).</summary>
    Files,

    /// <summary>Real veth interfaces (root and netns needed), linked into the tree; they can be moved into pods.</summary>
    Veth,
}
