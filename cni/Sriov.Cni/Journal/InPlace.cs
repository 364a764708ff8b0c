using System.Text;
using Tmds.Linux;

namespace Sriov.Cni.Journal;

/// <summary>
/// Replaces a small existing file's content with one <c>pwrite</c> at offset 0, padded with spaces (which JSON
/// ignores) to at least the old length, so the file never holds a mix. A kill cannot tear it: the kernel copies a
/// write into the page cache page by page and checks for a fatal signal only between pages
/// (mm/filemap.c <c>generic_perform_write</c>), so a write within the first page happens whole or not at all.
/// Why not rename every time: on ext4, renaming over an existing file starts writeback of the new one
/// (<c>auto_da_alloc</c>), about 1-2 ms per journal step here; the first write of a journal has no file to replace and
/// still goes through write-then-rename. Crash consistency is not the aim (the journal describes state a node crash
/// ends anyway).
/// </summary>
internal static unsafe class InPlace
{
    public const int PageSize = 4096;

    /// <summary>Updates the file when it exists and old and new content fit in one page; false otherwise (nothing written).</summary>
    public static bool TryUpdate(string path, byte[] content)
    {
        if (content.Length > PageSize)
        {
            return false;
        }

        var name = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, name);
        int fd;
        fixed (byte* p = name)
        {
            fd = LibC.open(p, LibC.O_WRONLY | LibC.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            return false;
        }

        try
        {
            stat st;
            if (LibC.fstat(fd, &st) != 0 || st.st_size > PageSize)
            {
                return false;
            }

            var length = Math.Max(content.Length, (int)st.st_size);
            var page = stackalloc byte[length];
            var span = new Span<byte>(page, length);
            span.Fill((byte)' ');
            content.CopyTo(span);
            var written = LibC.pwrite(fd, page, length, 0);
            return written == length
                ? true
                : throw new IOException($"update {path} in place: {(written < 0 ? Sriov.Host.Netlink.Errno.Describe(LibC.errno) : "short write")}");
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
