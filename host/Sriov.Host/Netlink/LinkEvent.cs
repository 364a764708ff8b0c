namespace Sriov.Host.Netlink;

/// <summary>
/// One RTNLGRP_LINK notification. <see cref="LinkEventKind.Overflow"/> carries no link: the kernel dropped events
/// because the socket's receive queue was full (ENOBUFS), so the subscriber must re-read the state it tracks.
/// </summary>
public sealed record LinkEvent(LinkEventKind Kind, LinkInfo? Link)
{
    public override string ToString() => Link is null ? Kind.ToString() : $"{Kind} {Link}";
}
