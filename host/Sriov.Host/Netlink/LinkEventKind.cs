namespace Sriov.Host.Netlink;

/// <summary>What a link notification says.</summary>
public enum LinkEventKind
{
    /// <summary>RTM_NEWLINK: a device appeared or changed (flags, carrier, name, MTU, ...).</summary>
    Changed,

    /// <summary>RTM_DELLINK: a device disappeared (deleted, or moved to another namespace).</summary>
    Removed,

    /// <summary>Events were lost (ENOBUFS); re-read the state.</summary>
    Overflow,
}
