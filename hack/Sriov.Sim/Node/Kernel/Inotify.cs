using System.Runtime.InteropServices;
using System.Text;

namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// inotify on the simulated tree's directories, reporting <c>IN_CLOSE_WRITE</c>: the writer has closed the file, so its
/// content is complete (FileSystemWatcher reports IN_MODIFY, which fires on the truncation before the content arrives).
/// The real sysfs raises no inotify events at all; this only works because the simulated tree is made of regular files.
/// </summary>
internal sealed partial class Inotify : IDisposable
{
    public const uint InCloseWrite = 0x8;
    public const uint InIgnored = 0x8000;
    public const uint InQueueOverflow = 0x4000;
    private const int InCloexec = 0x80000;

    private readonly int _fd;
    private readonly Thread _reader;
    private readonly Action<int, uint, string> _onEvent;
    private volatile bool _stopping;

    /// <param name="onEvent">Called on the reader thread with (watch descriptor, mask, file name).</param>
    public Inotify(Action<int, uint, string> onEvent)
    {
        _onEvent = onEvent;
        _fd = inotify_init1(InCloexec);
        if (_fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(
                $"inotify_init1 failed: {Marshal.GetPInvokeErrorMessage(errno)}; too many simulated nodes at once? (fs.inotify.max_user_instances)");
        }

        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "sriov-sim inotify" };
    }

    public void Start() => _reader.Start();

    /// <summary>Watches a directory for closed writes of the files in it; returns the watch descriptor.</summary>
    public int Watch(string directory)
    {
        var wd = inotify_add_watch(_fd, directory, InCloseWrite);
        if (wd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"inotify_add_watch {directory} failed: {Marshal.GetPInvokeErrorMessage(errno)} (fs.inotify.max_user_watches?)");
        }

        return wd;
    }

    public void Unwatch(int wd) => _ = inotify_rm_watch(_fd, wd);

    /// <summary>Stops the reader; <paramref name="wake"/> must make one more event arrive (the reader blocks in read).</summary>
    public void Stop(Action wake)
    {
        _stopping = true;
        if (_reader.IsAlive)
        {
            wake();
            _reader.Join(TimeSpan.FromSeconds(5));
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _ = close(_fd);
    }

    private unsafe void ReadLoop()
    {
        var buffer = new byte[64 * 1024];
        while (!_stopping)
        {
            nint n;
            fixed (byte* b = buffer)
            {
                n = read(_fd, b, buffer.Length);
            }

            if (n <= 0)
            {
                if (n < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */)
                {
                    continue;
                }

                return;
            }

            // struct inotify_event { int wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }
            for (var off = 0; off + 16 <= n;)
            {
                var wd = BitConverter.ToInt32(buffer, off);
                var mask = BitConverter.ToUInt32(buffer, off + 4);
                var len = (int)BitConverter.ToUInt32(buffer, off + 12);
                var name = len == 0 ? "" : Encoding.UTF8.GetString(buffer, off + 16, len).TrimEnd('\0');
                off += 16 + len;
                if (!_stopping)
                {
                    _onEvent(wd, mask, name);
                }
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_init1(int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int inotify_rm_watch(int fd, int wd);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
