namespace Sriov.Sim.ApiServer.Http;

/// <summary>A read-only stream that cancels a token when disposed, so an idle in-memory watch ends when its reader
/// goes away rather than at its next event.</summary>
internal sealed class CancelOnDisposeStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationTokenSource _cancel;

    public CancelOnDisposeStream(Stream inner, CancellationTokenSource cancel)
    {
        _inner = inner;
        _cancel = cancel;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The watch already ended.
            }

            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
