namespace Sriov.DevicePlugin.Watch;

/// <summary>
/// inotify on an ordinary directory (the ConfigMap mount, whose <c>..data</c> link is swapped; the kubelet's socket
/// directory; the reconfiguring markers) that raises a wake reason on any change. Never for sysfs, which raises no
/// events. A directory that does not exist yet is not watched; the periodic backstop covers it and
/// <see cref="EnsureStarted"/> retries. <c>relevant</c> filters by entry name, so files that merely share the directory
/// (a log next to a hand-written config) cannot keep waking the loop.
/// </summary>
internal sealed class DirectoryWatch(string directory, Wakeup wakeup, WakeReason reason, Func<string, bool>? relevant = null) : IDisposable
{
    private FileSystemWatcher? _watcher;

    public string Directory { get; } = directory;

    public void EnsureStarted()
    {
        if (_watcher is not null || !System.IO.Directory.Exists(Directory))
        {
            return;
        }

        try
        {
            var watcher = new FileSystemWatcher(Directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, e) => Raise(e.Name);
            watcher.Created += (_, e) => Raise(e.Name);
            watcher.Deleted += (_, e) => Raise(e.Name);
            watcher.Renamed += (_, e) => Raise(e.Name);
            watcher.Error += (_, _) => wakeup.Raise(reason);
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Out of inotify watches, or the directory vanished: the periodic backstop still runs.
            _watcher = null;
        }
    }

    public void Dispose() => _watcher?.Dispose();

    private void Raise(string? name)
    {
        if (relevant is null || name is null || relevant(name))
        {
            wakeup.Raise(reason);
        }
    }
}
