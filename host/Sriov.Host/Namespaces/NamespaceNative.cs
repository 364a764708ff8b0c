using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Sriov.Host.Namespaces;

/// <summary>
/// The few calls Tmds.LibC 0.5.0 lacks (<c>fstatfs</c>), plus thin wrappers that turn -1/errno into values. Declared
/// with <c>[LibraryImport]</c> so NativeAOT binds them without reflection.
/// </summary>
internal static unsafe partial class NamespaceNative
{
    /// <summary>NSFS_MAGIC: files under <c>/proc/PID/ns</c> and bind mounts of them (<c>/run/netns/X</c>).</summary>
    public const long NsfsMagic = 0x6e736673;

    /// <summary>PROC_SUPER_MAGIC: kernels before 3.19 served namespace files from procfs itself.</summary>
    public const long ProcMagic = 0x9fa0;

    /// <summary>NS_GET_NSTYPE = _IO(0xb7, 0x3), Linux 4.11+: the CLONE_NEW* type of a namespace fd.</summary>
    public const int NsGetNsType = 0xb703;

    public const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", EntryPoint = "fstatfs", SetLastError = true)]
    private static partial int FStatFs(int fd, byte* buffer);

    /// <summary><c>statfs.f_type</c> of an open file (the first field, a native long on 64-bit Linux).</summary>
    public static long FileSystemType(int fd, out int errno)
    {
        var buffer = stackalloc byte[256];
        if (FStatFs(fd, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return 0;
        }

        errno = 0;
        return IntPtr.Size == 8 ? *(long*)buffer : *(int*)buffer;
    }

    /// <summary>Device and inode of an open file.</summary>
    public static bool Identity(int fd, out ulong device, out ulong inode, out int errno)
    {
        stat st;
        if (LibC.fstat(fd, &st) != 0)
        {
            errno = LibC.errno;
            device = inode = 0;
            return false;
        }

        errno = 0;
        device = st.st_dev;
        inode = st.st_ino;
        return true;
    }

    /// <summary>Device and inode of a path (following symlinks, as the <c>/proc/.../ns/net</c> magic links need).</summary>
    public static bool Identity(string path, out ulong device, out ulong inode)
    {
        stat st;
        var bytes = NullTerminated(path);
        fixed (byte* p = bytes)
        {
            if (LibC.stat(p, &st) != 0)
            {
                device = inode = 0;
                return false;
            }
        }

        device = st.st_dev;
        inode = st.st_ino;
        return true;
    }

    public static byte[] NullTerminated(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
