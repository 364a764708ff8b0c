namespace Sriov.Cni.Skel;

/// <summary>
/// CNI error codes (SPEC.md "Error": 0-99 are the spec's, 100 and up the plugin's). The plugin-specific ones are
/// documented in docs/cni.md, each with what to do.
/// </summary>
internal static class CniErrorCode
{
    /// <summary>The config's <c>cniVersion</c> is not supported, or too old for the command.</summary>
    public const int IncompatibleVersion = 1;

    /// <summary>A field is valid but cannot be honoured here (the PF reports no VF attributes over netlink).</summary>
    public const int UnsupportedField = 2;

    /// <summary>A CNI_* variable is missing or invalid.</summary>
    public const int InvalidEnvironment = 4;

    /// <summary>stdin could not be read.</summary>
    public const int IoFailure = 5;

    /// <summary>stdin is not JSON, or <c>cniVersion</c> is not a string.</summary>
    public const int DecodingFailure = 6;

    /// <summary>A config key has a wrong type or value.</summary>
    public const int InvalidNetworkConfig = 7;

    /// <summary>Retry later: the PF is being reconfigured, the VF lock is held, or a DEL step failed transiently.</summary>
    public const int TryAgainLater = 11;

    /// <summary>STATUS: not ready for ADD.</summary>
    public const int NotAvailable = 50;

    /// <summary>An unexpected failure while working (a bug, or an error not sorted below).</summary>
    public const int Internal = 100;

    /// <summary><c>deviceID</c> is not a VF on this host (no such PCI device, no PF, no VF index, no PF netdev).</summary>
    public const int VfNotFound = 101;

    /// <summary>The VF's allocation record names another attachment whose netns still exists.</summary>
    public const int VfInUse = 102;

    /// <summary>The VF has neither a netdev nor a userspace driver (vfio-pci, uio_pci_generic, igb_uio).</summary>
    public const int VfUnusable = 103;

    /// <summary>The interface name is taken in the pod, or this attachment already exists.</summary>
    public const int AttachmentExists = 104;

    /// <summary>The PF driver refused a VF setting (VLAN, MAC, rate, spoofchk, trust, link state).</summary>
    public const int PfSettingFailed = 105;

    /// <summary>Moving, renaming or configuring the VF netdev failed.</summary>
    public const int NetdevFailed = 106;

    /// <summary>The IPAM delegate failed or returned an unusable result.</summary>
    public const int IpamFailed = 107;

    /// <summary>Adding the IPAM addresses or routes in the pod failed.</summary>
    public const int AddressFailed = 108;

    /// <summary>CHECK found the attachment different from what ADD made.</summary>
    public const int CheckFailed = 109;

    /// <summary>The state directory (journal, allocation record) could not be read or written.</summary>
    public const int StateFailed = 110;
}
