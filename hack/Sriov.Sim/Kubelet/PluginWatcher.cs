namespace Sriov.Sim.Kubelet;

/// <summary>
/// The kubelet's plugin watcher: keeps the set of sockets under the plugins-registry directory (recursively) and
/// reports each new socket, each vanished one, and each one re-created at the same path (as removed then added).
/// File-system events trigger a scan at once; a periodic scan is the backstop, as the kubelet's reconciler is. A socket
/// whose registration failed is tried again with exponential backoff (0.5 s doubling to about 2 min), as the kubelet's
/// operation executor retries.
/// </summary>
internal sealed class PluginWatcher : IAsyncDisposable
{
    private readonly string _dir;
    private readonly TimeSpan _interval;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(122);
    private readonly Func<string, Task<bool>> _added;
    private readonly Func<string, Task> _removed;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, (ulong, long)> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime At, TimeSpan Delay)> _retry = new(StringComparer.Ordinal);
    private FileSystemWatcher? _fsw;
    private Task? _loop;

    public PluginWatcher(string dir, TimeSpan interval, Func<string, Task<bool>> added, Func<string, Task> removed)
    {
        _dir = dir;
        _interval = interval;
        _added = added;
        _removed = removed;
    }

    public void Start()
    {
        Directory.CreateDirectory(_dir);
        _fsw = new FileSystemWatcher(_dir) { IncludeSubdirectories = true };
        _fsw.Created += (_, _) => Wake();
        _fsw.Deleted += (_, _) => Wake();
        _fsw.Renamed += (_, _) => Wake();
        _fsw.EnableRaisingEvents = true;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _fsw?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await ScanAsync();
            try
            {
                await _wake.WaitAsync(_interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ScanAsync()
    {
        var current = new Dictionary<string, (ulong, long)>(StringComparer.Ordinal);
        foreach (var socket in SocketFiles.FindSockets(_dir))
        {
            if (SocketFiles.Identity(socket) is { } id)
            {
                current[socket] = id;
            }
        }

        foreach (var (path, id) in _known.ToList())
        {
            if (!current.TryGetValue(path, out var now) || now != id)
            {
                _known.Remove(path);
                await _removed(path);
            }
        }

        foreach (var path in _retry.Keys.Where(p => !current.ContainsKey(p)).ToList())
        {
            _retry.Remove(path);
        }

        foreach (var (path, id) in current)
        {
            if (_known.ContainsKey(path) || _stop.IsCancellationRequested
                || (_retry.TryGetValue(path, out var retry) && retry.At > DateTime.UtcNow))
            {
                continue;
            }

            if (await _added(path))
            {
                _known[path] = id;
                _retry.Remove(path);
            }
            else
            {
                var delay = _retry.TryGetValue(path, out var last) ? last.Delay * 2 : FirstBackoff;
                delay = delay > MaxBackoff ? MaxBackoff : delay;
                _retry[path] = (DateTime.UtcNow + delay, delay);
            }
        }
    }
}
