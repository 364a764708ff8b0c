using Sriov.Cni.Config;

namespace Sriov.Cni.Journal;

/// <summary>
/// Everything DEL needs to undo one attachment, whatever point its ADD reached: written before the first change on the
/// host and rewritten before each further step (<see cref="JournalPhase"/>). On disk it is upstream's cache file
/// (<c>&lt;state dir&gt;/&lt;containerID&gt;-&lt;ifname&gt;</c>, spec cni.md §2.7) with our progress in an extra
/// <c>journal</c> key, so an upstream plugin can still DEL our attachments and we read upstream's
/// (<see cref="JournalCodec"/>; docs/cni.md, "Journal").
/// </summary>
internal sealed record AttachmentJournal
{
    public required Attachment Attachment { get; init; }

    public required string NetworkName { get; init; }

    public required string CniVersion { get; init; }

    /// <summary>The pod's netns path as ADD opened it (CNI_NETNS); empty for upstream caches (DEL's CNI_NETNS is used).</summary>
    public string NetnsPath { get; init; } = string.Empty;

    /// <summary>The pod netns's inode, so a reused path is not mistaken for the pod's namespace.</summary>
    public ulong? NetnsInode { get; init; }

    public required string DeviceId { get; init; }

    public required string PfName { get; init; }

    public int VfIndex { get; init; }

    public VfMode Mode { get; init; }

    public string? Driver { get; init; }

    /// <summary>The PF-side settings the config asked for (and so the ones restored).</summary>
    public PfSettings Requested { get; init; } = PfSettings.None;

    /// <summary>The MTU reported in the result (the VF's, or the PF's in userspace mode).</summary>
    public int Mtu { get; init; }

    public OriginalVfState Original { get; init; } = new();

    public JournalPhase Phase { get; init; }

    /// <summary>PF-side settings sent (or about to be sent) during ADD: only these are restored.</summary>
    public IReadOnlyList<PfSetting> Issued { get; init; } = [];

    /// <summary>Teardown: the PF-side settings are back to their original values.</summary>
    public bool PfRestored { get; init; }

    /// <summary>Teardown: IPAM DEL succeeded.</summary>
    public bool IpamReleased { get; init; }

    /// <summary>The ADD's config (null for upstream caches, which keep only <c>ipam.type</c>).</summary>
    public NetConf? Config { get; init; }

    public string? IpamType { get; init; }

    /// <summary>Read from a cache written by upstream sriov-cni: its ADD completed; no progress information.</summary>
    public bool Upstream { get; init; }

    public bool HasIpam => !string.IsNullOrEmpty(IpamType);
}
