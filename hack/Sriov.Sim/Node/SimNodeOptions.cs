namespace Sriov.Sim.Node;

/// <summary>How to create or open a <see cref="SimNode"/>.</summary>
public sealed record SimNodeOptions
{
    /// <summary>The host root directory; null: a new temporary directory, deleted on dispose.</summary>
    public string? Root { get; init; }

    public NetdevMode Netdevs { get; init; } = NetdevMode.Files;

    /// <summary>How long after a VF is bound to its netdev driver its interface appears (iavf registers it from a work queue).</summary>
    public TimeSpan NetdevDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Start the kernel emulator (false: only lay the tree out, e.g. for discovery benchmarks and fixtures).</summary>
    public bool StartEmulator { get; init; } = true;

    /// <summary>
    /// Leave the tree and the veths in place on dispose, for another process to run and <see cref="SimNode.Destroy"/> to
    /// remove (what <c>sriov-sim node create</c> does). By default disposing a node created in-process removes its
    /// netns (and so its veths) and, when the root was a temporary directory, the root.
    /// </summary>
    public bool Keep { get; init; }

    /// <summary>The emulator's clock (netdev delays).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
