using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using Sriov.Host.Namespaces;
using Tmds.Linux;
using ErrnoTable = Sriov.Host.Netlink.Errno;

namespace Sriov.Host.Locks;

/// <summary>
/// The per-VF lock of ARCHITECTURE.md ("Who owns a VF"): an exclusive <c>flock(2)</c> on
/// <c>&lt;host root&gt;/var/lib/cni/sriov/pci/vf_lock/&lt;pci&gt;.lock</c>, upstream sriov-cni's path and primitive, so an
/// upstream plugin during an upgrade serialises with ours. The file is opened with libc <c>open(2)</c>
/// (<c>O_CREAT|O_RDONLY|O_CLOEXEC</c>, mode 0600, as upstream), never through <c>FileStream</c>, which takes a lock of
/// its own. Waiting polls <c>LOCK_NB</c> with a growing backoff (1 ms doubling to 100 ms) up to a deadline, so no thread
/// blocks in the kernel and the deadline is exact. Disposing unlocks and closes; a crashed holder's lock goes with its
/// file descriptor.
/// </summary>
public sealed class VfLock : IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(100);

    private SafeFileHandle? _handle;

    private VfLock(SafeFileHandle handle, string pciAddress, string path)
    {
        _handle = handle;
        PciAddress = pciAddress;
        Path = path;
    }

    public string PciAddress { get; }

    public string Path { get; }

    /// <summary>The lock file of a VF under a host root.</summary>
    public static string PathFor(HostRoot root, string pciAddress)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Locks.PciAddress.IsCanonical(pciAddress))
        {
            throw new ArgumentException(
                $"pciAddress: \"{pciAddress}\" is not a PCI address in the form 0000:3b:02.1 (lower-case hex)", nameof(pciAddress));
        }

        return System.IO.Path.Join(root.CniState, "pci", "vf_lock", pciAddress + ".lock");
    }

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="timeout"/> (upstream waits 60 s). Throws
    /// <see cref="VfLockTimeoutException"/> (naming the holder's PID when /proc/locks shows it) at the deadline, and
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static VfLock Acquire(HostRoot root, string pciAddress, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var path = PathFor(root, pciAddress);
        var handle = OpenLockFile(path);
        try
        {
            var clock = Stopwatch.StartNew();
            var backoff = FirstBackoff;
            while (true)
            {
                var errno = LockNative.Flock((int)handle.DangerousGetHandle(), LockNative.LOCK_EX | LockNative.LOCK_NB);
                if (errno == 0)
                {
                    return new VfLock(handle, pciAddress, path);
                }

                if (errno != ErrnoTable.EAGAIN && errno != ErrnoTable.EINTR)
                {
                    throw new IOException($"lock VF {pciAddress}: flock {path}: {ErrnoTable.Describe(errno)}");
                }

                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new VfLockTimeoutException(pciAddress, path, clock.Elapsed, Holders(handle));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var sleep = backoff < left ? backoff : left;
                if (cancellationToken.CanBeCanceled)
                {
                    _ = cancellationToken.WaitHandle.WaitOne(sleep);
                }
                else
                {
                    Thread.Sleep(sleep);
                }

                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Takes the lock only if it is free right now; null when someone else holds it.</summary>
    public static VfLock? TryAcquire(HostRoot root, string pciAddress)
    {
        var path = PathFor(root, pciAddress);
        var handle = OpenLockFile(path);
        var errno = LockNative.Flock((int)handle.DangerousGetHandle(), LockNative.LOCK_EX | LockNative.LOCK_NB);
        if (errno == 0)
        {
            return new VfLock(handle, pciAddress, path);
        }

        handle.Dispose();
        return errno is ErrnoTable.EAGAIN or ErrnoTable.EINTR
            ? null
            : throw new IOException($"lock VF {pciAddress}: flock {path}: {ErrnoTable.Describe(errno)}");
    }

    /// <summary>Unlocks and closes. The lock file stays (upstream never removes it either; removing would race).</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        if (handle is not null)
        {
            _ = LockNative.Flock((int)handle.DangerousGetHandle(), LockNative.LOCK_UN);
            handle.Dispose();
        }
    }

    private static unsafe SafeFileHandle OpenLockFile(string path)
    {
        // 0700 directories (upstream creates them 0600, which only root can traverse); the node agents run as root.
        var directory = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsLinux())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var bytes = NamespaceNative.NullTerminated(path);
        int fd;
        fixed (byte* p = bytes)
        {
            fd = LibC.open(p, LibC.O_CREAT | LibC.O_RDONLY | LibC.O_CLOEXEC, 0x180);
        }

        return fd >= 0
            ? new SafeFileHandle(fd, ownsHandle: true)
            : throw new IOException($"open lock file {path}: {ErrnoTable.Describe(LibC.errno)}");
    }

    private static IReadOnlyList<int> Holders(SafeFileHandle handle)
    {
        try
        {
            return NamespaceNative.Identity((int)handle.DangerousGetHandle(), out var device, out var inode, out _)
                ? LockHolders.Parse(File.ReadAllText("/proc/locks"), device, inode)
                : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
