namespace Sriov.Cni.Skel;

/// <summary>The CNI_* variables of one invocation, checked (<see cref="CniEnvironmentReader"/>).</summary>
internal sealed record CniEnvironment
{
    public required CniCommand Command { get; init; }

    /// <summary>CNI_CONTAINERID; empty for STATUS, GC and VERSION.</summary>
    public string ContainerId { get; init; } = string.Empty;

    /// <summary>CNI_NETNS; empty when not given (allowed for DEL).</summary>
    public string Netns { get; init; } = string.Empty;

    /// <summary>CNI_IFNAME; empty for STATUS, GC and VERSION.</summary>
    public string IfName { get; init; } = string.Empty;

    /// <summary>CNI_ARGS as given.</summary>
    public string Args { get; init; } = string.Empty;

    /// <summary>CNI_PATH split on ':' (empty entries dropped).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];
}
