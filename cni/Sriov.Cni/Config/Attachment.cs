namespace Sriov.Cni.Config;

/// <summary>One attachment: a container and the interface name it has on this network.</summary>
internal readonly record struct Attachment(string ContainerId, string IfName)
{
    /// <summary>The cache file name upstream uses, and so do we: <c>&lt;containerID&gt;-&lt;ifname&gt;</c>.</summary>
    public string FileName => ContainerId + "-" + IfName;

    public override string ToString() => $"container {ContainerId} interface {IfName}";
}
