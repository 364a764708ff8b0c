using Sriov.Host.Namespaces;

namespace Sriov.Host.Netlink;

/// <summary>
/// A minimal generic-netlink (NETLINK_GENERIC) client: resolves a family name to its id through the <c>nlctrl</c>
/// family (CTRL_CMD_GETFAMILY), which is all devlink needs. Not thread-safe.
/// </summary>
public sealed class GenericNetlink : IDisposable
{
    private const int MaxFamilyName = 16;
    private readonly NetlinkSocket _socket;

    private GenericNetlink(NetlinkSocket socket) => _socket = socket;

    internal NetlinkSocket Socket => _socket;

    public static GenericNetlink Open(NetNs? netns = null) => new(NetlinkSocket.Open(Nl.NETLINK_GENERIC, netns));

    /// <summary>The family id, or null when the kernel has no such family (ENOENT).</summary>
    public ushort? ResolveFamily(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (System.Text.Encoding.UTF8.GetByteCount(name) >= MaxFamilyName)
        {
            // GENL_NAMSIZ is 16 with the NUL; the kernel's policy rejects longer names with EINVAL, and no family has one.
            return null;
        }

        GenlRequests.GetFamily(_socket.Builder, name);
        var box = new ushort?[1];
        try
        {
            _socket.Execute($"resolve generic netlink family {name}", box, static (b, type, payload) =>
            {
                if (type == Genl.GENL_ID_CTRL)
                {
                    b[0] = GenlReplies.FamilyId(payload);
                }
            });
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENOENT)
        {
            return null;
        }

        return box[0];
    }

    public void Dispose() => _socket.Dispose();
}
