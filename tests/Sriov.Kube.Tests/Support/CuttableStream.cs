namespace Sriov.Kube.Tests.Support;

/// <summary>A watch response body the test can end on demand: cleanly (EOF, as when the server ends the stream) or with
/// an I/O error (as when the connection breaks).</summary>
internal sealed class CuttableStream : Stream
{
    private readonly Stream _inner;
    private readonly TaskCompletionSource<bool> _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CuttableStream(Stream inner) => _inner = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Cut(bool asError) => _cut.TrySetResult(asError);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = _inner.ReadAsync(buffer, linked.Token).AsTask();
        if (await Task.WhenAny(read, _cut.Task) == read)
        {
            return await read;
        }

        await linked.CancelAsync();
        try
        {
            await read;
        }
        catch (OperationCanceledException)
        {
        }

        return await _cut.Task ? throw new IOException("the test broke the connection") : 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

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
            _cut.TrySetResult(false);
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
