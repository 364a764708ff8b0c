namespace Sriov.Host.Netlink;

/// <summary>
/// The device a request acts on: its ifindex (what the kernel uses) and its name (what error messages show). A
/// <see cref="LinkInfo"/> converts to one implicitly.
/// </summary>
public readonly record struct LinkRef(int Index, string Name)
{
    public static implicit operator LinkRef(LinkInfo link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new LinkRef(link.Index, link.Name);
    }

    public static LinkRef FromLinkInfo(LinkInfo link) => link;

    public override string ToString() => Name;
}
