using Sriov.Host.Namespaces;

namespace Sriov.Cni.Plugin;

/// <summary>What a teardown may use beyond the journal.</summary>
internal sealed record TeardownRequest
{
    /// <summary>The pod's netns, already open (ADD's rollback); null: open the journal's path (checking its inode).</summary>
    public NetNs? PodNetns { get; init; }

    /// <summary>DEL's CNI_NETNS, used when the journal has no path (an upstream cache).</summary>
    public string FallbackNetns { get; init; } = string.Empty;

    /// <summary>IPAM DEL's stdin: DEL's own (the runtime's current config); null: the config saved in the journal.</summary>
    public byte[]? IpamStdin { get; init; }

    /// <summary>CNI_ARGS and CNI_PATH for the delegate.</summary>
    public string Args { get; init; } = string.Empty;

    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Skip IPAM (GC forwards GC to a delegate that supports it instead).</summary>
    public bool SkipIpam { get; init; }

    /// <summary>How long to wait for the VF netdev to come back when the netns is gone.</summary>
    public TimeSpan ReturnWait { get; init; }
}
