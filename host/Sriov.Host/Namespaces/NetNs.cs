using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Tmds.Linux;
using ErrnoTable = Sriov.Host.Netlink.Errno;

namespace Sriov.Host.Namespaces;

/// <summary>
/// An open network namespace: a file descriptor on an nsfs file (<c>/run/netns/X</c>, <c>/proc/PID/ns/net</c>, or an
/// anonymous namespace made by <see cref="CreateTemporary"/>), validated at open time and identified by device and
/// inode (the inode goes into the CNI's allocation record as the netns's identity). Holding the descriptor keeps the
/// namespace alive. Entering it happens only through <see cref="NetnsRunner"/>, on a dedicated thread.
/// </summary>
public sealed class NetNs : IDisposable
{
    private readonly SafeFileHandle _handle;

    private NetNs(SafeFileHandle handle, string path, ulong device, ulong inode)
    {
        _handle = handle;
        Path = path;
        Device = device;
        Inode = inode;
    }

    /// <summary>The path it was opened from (for anonymous namespaces, the <c>/proc</c> path used at creation).</summary>
    public string Path { get; }

    /// <summary>The namespace's inode number (<c>net:[4026532320]</c>).</summary>
    public ulong Inode { get; }

    /// <summary>The nsfs device number; together with <see cref="Inode"/> it identifies the namespace.</summary>
    public ulong Device { get; }

    internal int Fd => (int)_handle.DangerousGetHandle();

    internal SafeFileHandle Handle => _handle;

    /// <summary>
    /// Opens and validates a netns path: it must exist (else <see cref="NetnsNotFoundException"/>), live on nsfs or
    /// procfs (statfs magic, as upstream checks), and be a network namespace (NS_GET_NSTYPE, where the kernel has it).
    /// </summary>
    public static unsafe NetNs Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = NamespaceNative.NullTerminated(path);
        int fd;
        fixed (byte* p = bytes)
        {
            fd = LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            var errno = LibC.errno;
            if (errno == ErrnoTable.ENOENT)
            {
                throw new NetnsNotFoundException(path);
            }

            throw new NetnsException($"open netns {path}: {ErrnoTable.Describe(errno)}", errno);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return Validate(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The namespace of the process's main thread (<c>/proc/self/ns/net</c>): the host netns for our binaries.
    /// Their main thread leaves it only inside <see cref="NetnsSocket.Open"/> (three system calls, then straight back),
    /// so call this from the main thread or while no <see cref="NetnsSocket.Open"/> runs on it, as the CNI (one thread)
    /// and the daemons (main thread idle in the host) do.</summary>
    public static NetNs OpenHost() => Open("/proc/self/ns/net");

    /// <summary>The namespace of the calling thread (<c>/proc/thread-self/ns/net</c>; <c>/proc/self</c> would be the
    /// main thread's).</summary>
    public static NetNs OpenCurrentThread() => Open("/proc/thread-self/ns/net");

    /// <summary>
    /// Creates an anonymous network namespace: <c>unshare(CLONE_NEWNET)</c> on a throwaway thread, open that thread's
    /// <c>ns/net</c>, switch the thread back. The namespace lives while the returned object (or a socket made in it)
    /// is open. For tests and tools; the CNI's ADD moves once and never through a temporary namespace.
    /// </summary>
    public static NetNs CreateTemporary() => NetnsRunner.OnDedicatedThread(static () =>
    {
        using var origin = OpenCurrentThread();
        if (LibC.unshare(NamespaceNative.CloneNewNet) != 0)
        {
            var errno = LibC.errno;
            throw new NetnsException($"create a network namespace (unshare CLONE_NEWNET): {ErrnoTable.Describe(errno)}", errno);
        }

        try
        {
            return Open("/proc/thread-self/ns/net");
        }
        finally
        {
            // If this fails the thread is in the new namespace; it is about to exit and is never reused.
            _ = LibC.setns(origin.Fd, NamespaceNative.CloneNewNet);
        }
    });

    /// <summary>Whether the calling thread is in this namespace (compares <c>/proc/thread-self/ns/net</c>).</summary>
    public bool ContainsCurrentThread() =>
        NamespaceNative.Identity("/proc/thread-self/ns/net", out var device, out var inode)
        && device == Device && inode == Inode;

    /// <summary>Whether the thread with OS id <paramref name="tid"/> of this process is in this namespace.</summary>
    public bool ContainsThread(int tid) =>
        NamespaceNative.Identity(string.Create(CultureInfo.InvariantCulture, $"/proc/self/task/{tid}/ns/net"), out var device, out var inode)
        && device == Device && inode == Inode;

    /// <summary>Same namespace (device and inode), whatever paths the two were opened from.</summary>
    public bool IsSameAs(NetNs other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Device == Device && other.Inode == Inode;
    }

    public void Dispose() => _handle.Dispose();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} (net:[{Inode}])");

    private static NetNs Validate(SafeFileHandle handle, string path)
    {
        var fd = (int)handle.DangerousGetHandle();
        var magic = NamespaceNative.FileSystemType(fd, out var errno);
        if (errno != 0)
        {
            throw new NetnsException($"statfs netns {path}: {ErrnoTable.Describe(errno)}", errno);
        }

        if (magic != NamespaceNative.NsfsMagic && magic != NamespaceNative.ProcMagic)
        {
            throw new NetnsException(
                $"{path} is not a network namespace (file system magic 0x{magic:x}, expected nsfs 0x6e736673 or proc 0x9fa0)");
        }

        var type = LibC.ioctl(fd, NamespaceNative.NsGetNsType);
        if (type >= 0 && type != NamespaceNative.CloneNewNet)
        {
            throw new NetnsException($"{path} is a namespace but not a network namespace (type 0x{type:x})");
        }

        if (!NamespaceNative.Identity(fd, out var device, out var inode, out errno))
        {
            throw new NetnsException($"fstat netns {path}: {ErrnoTable.Describe(errno)}", errno);
        }

        return new NetNs(handle, path, device, inode);
    }
}
