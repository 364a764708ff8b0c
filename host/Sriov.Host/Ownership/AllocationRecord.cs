namespace Sriov.Host.Ownership;

/// <summary>
/// Who holds a VF (ARCHITECTURE.md, "Who owns a VF"): the attachment (container ID and interface name) and the pod's
/// network namespace (path and inode). Records written by the upstream Go CNI carry the netns path only
/// (<see cref="IsUpstreamFormat"/>); their <see cref="ContainerId"/>, <see cref="IfName"/> and <see cref="NetnsInode"/>
/// are null.
/// </summary>
public sealed record AllocationRecord(
    string PciAddress,
    string NetnsPath,
    string? ContainerId,
    string? IfName,
    ulong? NetnsInode)
{
    /// <summary>Only the netns path is known (written by upstream sriov-cni, or our owner file was lost).</summary>
    public bool IsUpstreamFormat => ContainerId is null;

    /// <summary>The owner in words, for error messages.</summary>
    public string Owner => IsUpstreamFormat
        ? $"netns {NetnsPath}"
        : $"container {ContainerId} interface {IfName} (netns {NetnsPath})";

    /// <summary>
    /// Whether this record names the given attachment. An upstream-format record names no container, so it matches on
    /// the netns path alone.
    /// </summary>
    public bool Names(string containerId, string ifName, string netnsPath) =>
        IsUpstreamFormat
            ? string.Equals(NetnsPath, netnsPath, StringComparison.Ordinal)
            : string.Equals(ContainerId, containerId, StringComparison.Ordinal)
              && string.Equals(IfName, ifName, StringComparison.Ordinal);
}
