namespace Sriov.Host.Namespaces;

/// <summary>
/// The netns path does not exist (ENOENT). Distinct from other failures because a CNI DEL treats it as "the pod's
/// network is already gone" and succeeds (CNI spec: DEL must succeed when resources are already gone).
/// </summary>
public sealed class NetnsNotFoundException : NetnsException
{
    public NetnsNotFoundException(string path)
        : base($"open netns {path}: {Netlink.Errno.Describe(Netlink.Errno.ENOENT)}", Netlink.Errno.ENOENT)
    {
        Path = path;
    }

    public NetnsNotFoundException()
        : this("(unknown)")
    {
    }

    public NetnsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "(unknown)";
    }

    public string Path { get; }
}
