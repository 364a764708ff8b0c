using System.Buffers;
using System.IO.Enumeration;
using System.Text;
using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Host.Sysfs;

/// <summary>
/// The read side of sysfs, as plain syscalls: one <c>open</c>/<c>read</c>/<c>close</c> per attribute (an attribute is at
/// most one page, and the kernel computes it on each read, so it is never cached), one <c>readlink</c> per link. The
/// errno is returned rather than thrown because most read failures are facts about the device, not faults:
/// <c>ENOENT</c> means "absent", <c>EINVAL</c> on <c>carrier</c> means "interface down", <c>EOPNOTSUPP</c> on
/// <c>phys_port_name</c> means "the driver has none".
/// </summary>
internal static unsafe class SysfsIo
{
    private const int PageSize = 4096;
    private const int OpenReadFlags = 0x0 /* O_RDONLY */ | 0x80000 /* O_CLOEXEC */;

    /// <summary>Reads an attribute and trims the trailing newline and blanks; returns 0 or the errno.</summary>
    public static int TryReadText(string path, out string? text)
    {
        text = null;
        Span<byte> buffer = stackalloc byte[PageSize];
        var errno = TryRead(path, buffer, out var length);
        if (errno != 0)
        {
            return errno;
        }

        text = Encoding.UTF8.GetString(buffer[..length].TrimEnd("\n\t \0"u8));
        return 0;
    }

    /// <summary>Reads an attribute into <paramref name="buffer"/>; returns 0 or the errno.</summary>
    public static int TryRead(string path, Span<byte> buffer, out int length)
    {
        length = 0;
        var errno = WithPath(path, static (p, _) =>
        {
            var fd = LibC.open(p, OpenReadFlags, 0);
            return fd < 0 ? -LibC.errno : fd;
        }, 0, out var fd);
        if (errno != 0)
        {
            return errno;
        }

        try
        {
            var total = 0;
            fixed (byte* b = buffer)
            {
                // sysfs returns the whole attribute in the first read; loop anyway for regular files (the simulator).
                while (total < buffer.Length)
                {
                    var n = (long)LibC.read(fd, b + total, (size_t)(buffer.Length - total));
                    if (n < 0)
                    {
                        var e = LibC.errno;
                        if (e == Errno.EINTR)
                        {
                            continue;
                        }

                        return e;
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    total += (int)n;
                }
            }

            length = total;
            return 0;
        }
        finally
        {
            // Closing a read-only descriptor cannot lose data; its result carries nothing.
            _ = LibC.close(fd);
        }
    }

    /// <summary>Reads a symbolic link's target as written (usually relative, e.g. <c>../0000:3b:02.0</c>).</summary>
    public static int TryReadLink(string path, out string? target)
    {
        target = null;
        Span<byte> buffer = stackalloc byte[PageSize];
        int length;
        fixed (byte* b = buffer)
        {
            var errno = WithPath(path, static (p, state) =>
            {
                var n = (long)LibC.readlink(p, (byte*)state, (size_t)PageSize);
                return n < 0 ? -LibC.errno : (int)n;
            }, (nint)b, out length);
            if (errno != 0)
            {
                return errno;
            }
        }

        target = Encoding.UTF8.GetString(buffer[..length]);
        return 0;
    }

    /// <summary>The basename of a link's target (<c>driver</c> → <c>iavf</c>), or null with the errno.</summary>
    public static int TryReadLinkName(string path, out string? name)
    {
        var errno = TryReadLink(path, out var target);
        name = target is null ? null : Path.GetFileName(target.TrimEnd('/'));
        return errno;
    }

    /// <summary>Lists the entry names of a directory (sorted, ordinal), or returns the errno-like failure.</summary>
    public static int TryListNames(string directory, out List<string>? names)
    {
        names = null;

        // Most functions have no infiniband/ (and vfio ones no net/): answer that with one stat, not an exception.
        if (!Directory.Exists(directory))
        {
            return File.Exists(directory) ? Errno.ENOTDIR : Errno.ENOENT;
        }

        try
        {
            var entries = new FileSystemEnumerable<string>(
                directory,
                static (ref FileSystemEntry e) => e.FileName.ToString(),
                new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false });
            var list = new List<string>(entries);
            list.Sort(StringComparer.Ordinal);
            names = list;
            return 0;
        }
        catch (DirectoryNotFoundException)
        {
            // .NET reports ENOTDIR (a file where a directory should be) as "not found" too; tell them apart.
            return File.Exists(directory) ? Errno.ENOTDIR : Errno.ENOENT;
        }
        catch (FileNotFoundException)
        {
            return Errno.ENOENT;
        }
        catch (UnauthorizedAccessException)
        {
            return Errno.EACCES;
        }
        catch (IOException e)
        {
            // A path component that is a file, not a directory.
            return e.HResult is > 0 and < 4096 ? e.HResult : Errno.ENOTDIR;
        }
    }

    private static int WithPath(string path, PathCall call, nint state, out int result)
    {
        var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        byte[]? rented = null;
        var bytes = max <= 1024 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(path, bytes);
            bytes[n] = 0;
            fixed (byte* p = bytes)
            {
                var r = call(p, state);
                result = r < 0 ? 0 : r;
                return r < 0 ? -r : 0;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private delegate int PathCall(byte* path, nint state);
}
