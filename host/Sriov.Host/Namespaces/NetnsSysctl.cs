using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Host.Namespaces;

/// <summary>
/// Writes <c>/proc/sys/net</c> entries of one network namespace. The kernel resolves <c>/proc/sys/net</c> against the
/// network namespace of the thread that opens the file (net/sysctl_net.c: <c>net_ctl_header_lookup</c> uses
/// <c>current-&gt;nsproxy-&gt;net_ns</c>), so every entry is opened on one <see cref="NetnsRunner"/> thread inside the
/// namespace: one thread switch for the whole batch. Entries are paths below <c>/proc/sys/</c>, such as
/// <c>net/ipv4/conf/net1/arp_notify</c>.
/// </summary>
public static class NetnsSysctl
{
    /// <summary>
    /// Writes every entry and returns the ones that failed, with the reason (<c>net/ipv6/conf/net1/ndisc_notify:
    /// No such file or directory (ENOENT)</c>): callers decide which failures matter (announcement knobs are best
    /// effort, as upstream ignores them; <c>disable_ipv6</c> before an IPv6 address is not).
    /// </summary>
    public static IReadOnlyList<SysctlFailure> TryWrite(NetNs netns, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(netns);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, _) in entries)
        {
            Check(key);
        }

        return NetnsRunner.Run(netns, () =>
        {
            var failures = new List<SysctlFailure>();
            foreach (var (key, value) in entries)
            {
                var errno = WriteFile("/proc/sys/" + key, value);
                if (errno != 0)
                {
                    failures.Add(new SysctlFailure(key, errno));
                }
            }

            return failures;
        });
    }

    /// <summary>Writes every entry; throws <see cref="IOException"/> naming the first entry that failed.</summary>
    public static void Write(NetNs netns, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        var failures = TryWrite(netns, entries);
        if (failures.Count > 0)
        {
            throw new IOException($"write sysctl {failures[0]} in netns {netns.Path}");
        }
    }

    /// <summary>The entry path of an interface setting: <c>net/ipv4/conf/&lt;ifname&gt;/&lt;name&gt;</c>.</summary>
    public static string InterfaceKey(string family, string ifName, string name)
    {
        InterfaceName.Validate(ifName, nameof(ifName));
        if (family is not ("ipv4" or "ipv6"))
        {
            throw new ArgumentException($"family: \"{family}\" is neither ipv4 nor ipv6", nameof(family));
        }

        return $"net/{family}/conf/{ifName}/{name}";
    }

    private static void Check(string key)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith("net/", StringComparison.Ordinal)
            || key.Contains("..", StringComparison.Ordinal) || key.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"sysctl key \"{key}\" is not a path below /proc/sys/net", nameof(key));
        }
    }

    private static unsafe int WriteFile(string path, string value)
    {
        var name = NamespaceNative.NullTerminated(path);
        var bytes = System.Text.Encoding.ASCII.GetBytes(value);
        int fd;
        fixed (byte* p = name)
        {
            fd = LibC.open(p, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            return LibC.errno;
        }

        try
        {
            fixed (byte* p = bytes)
            {
                return LibC.write(fd, p, bytes.Length) < 0 ? LibC.errno : 0;
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
