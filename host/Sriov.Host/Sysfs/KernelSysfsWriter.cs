using System.Text;
using Sriov.Host.Netlink;
using Tmds.Linux;

namespace Sriov.Host.Sysfs;

/// <summary>The production <see cref="ISysfsWriter"/>: <c>open(O_WRONLY|O_TRUNC)</c>, one <c>write</c>, <c>close</c>.</summary>
public sealed unsafe class KernelSysfsWriter : ISysfsWriter
{
    // O_WRONLY | O_TRUNC | O_CLOEXEC, no O_CREAT: a missing attribute must fail with ENOENT, not appear as a new file.
    // O_TRUNC is ignored by sysfs and makes a regular file (the simulator's tree) hold exactly what was written.
    private const int Flags = 0x1 | 0x200 | 0x80000;

    public static KernelSysfsWriter Instance { get; } = new();

    public int Write(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
        var data = Encoding.UTF8.GetBytes(content);
        int fd;
        fixed (byte* p = pathBytes)
        {
            do
            {
                fd = LibC.open(p, Flags, 0);
            }
            while (fd < 0 && LibC.errno == Errno.EINTR);
        }

        if (fd < 0)
        {
            return LibC.errno;
        }

        try
        {
            fixed (byte* d = data)
            {
                long n;
                do
                {
                    n = (long)LibC.write(fd, d, (size_t)data.Length);
                }
                while (n < 0 && LibC.errno == Errno.EINTR);

                // A short write cannot happen on sysfs (the store callback sees the whole buffer or fails).
                return n < 0 ? LibC.errno : 0;
            }
        }
        finally
        {
            // sysfs reports failures from write(), never from close().
            _ = LibC.close(fd);
        }
    }
}
