using Tmds.Linux;

namespace Sriov.Cni.Skel;

/// <summary>
/// stdin, stdout or stderr as a stream of plain read(2)/write(2) calls on the descriptor: the file offset (or O_APPEND)
/// is the kernel's, as for any Unix program (a FileStream would pwrite at its own offset on a seekable descriptor), and
/// nothing of the Console machinery starts (its streams set up terminal and signal handling, with a thread, on first use).
/// </summary>
internal sealed unsafe class StdioStream : Stream
{
    private readonly int _fd;

    public StdioStream(int fd) => _fd = fd;

    public override bool CanRead => _fd == 0;

    public override bool CanSeek => false;

    public override bool CanWrite => _fd != 0;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = (int)LibC.read(_fd, p, buffer.Length);
                if (n >= 0)
                {
                    return n;
                }

                if (LibC.errno != Sriov.Host.Netlink.Errno.EINTR)
                {
                    throw new IOException($"read from descriptor {_fd}: {Sriov.Host.Netlink.Errno.Describe(LibC.errno)}");
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            for (var done = 0; done < buffer.Length;)
            {
                var n = (int)LibC.write(_fd, p + done, buffer.Length - done);
                if (n >= 0)
                {
                    done += n;
                }
                else if (LibC.errno != Sriov.Host.Netlink.Errno.EINTR)
                {
                    throw new IOException($"write to descriptor {_fd}: {Sriov.Host.Netlink.Errno.Describe(LibC.errno)}");
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
