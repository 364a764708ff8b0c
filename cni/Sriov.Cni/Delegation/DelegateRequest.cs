using Sriov.Cni.Config;
using Sriov.Cni.Skel;

namespace Sriov.Cni.Delegation;

/// <summary>One delegate invocation: the plugin type (found in CNI_PATH), the command, stdin and the CNI_* values.</summary>
internal sealed record DelegateRequest
{
    public required string Type { get; init; }

    /// <summary>CNI_COMMAND for the delegate: ADD, DEL, CHECK, STATUS, GC or VERSION.</summary>
    public required string Command { get; init; }

    public required byte[] Stdin { get; init; }

    public string ContainerId { get; init; } = string.Empty;

    public string Netns { get; init; } = string.Empty;

    public string IfName { get; init; } = string.Empty;

    public string Args { get; init; } = string.Empty;

    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The config's IPAM plugin, called with the invocation's own stdin and CNI_* values.</summary>
    public static DelegateRequest Ipam(NetConf conf, CniEnvironment env, string command) => new()
    {
        Type = conf.IpamType!,
        Command = command,
        Stdin = conf.Raw,
        ContainerId = env.ContainerId,
        Netns = env.Netns,
        IfName = env.IfName,
        Args = env.Args,
        Path = env.Path,
    };
}
