namespace Sriov.Sim.RealKernel;

/// <summary>
/// A lock file held open exclusively. .NET on Linux backs <see cref="FileShare.None"/> with flock(2), so this
/// excludes other .NET processes (and threads) that open the same file the same way; it is released on dispose
/// or when the process dies.
/// </summary>
internal static class PublishLock
{
    public static async Task<IDisposable> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path} stayed locked for {timeout}; another publish for the real-kernel tier is stuck", e);
            }
        }
    }
}
