using Sriov.Host.Netlink;

namespace Sriov.Host.Namespaces;

/// <summary>A sysctl entry that could not be written, and the errno.</summary>
public sealed record SysctlFailure(string Key, int Errno)
{
    public override string ToString() => $"{Key}: {Netlink.Errno.Describe(Errno)}";
}
