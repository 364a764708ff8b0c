using System.Diagnostics;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>
/// Kills a process (SIGKILL) as soon as a file appears under its final name (written by rename, as atomic writes do) or
/// disappears, seen through inotify. strace cannot target these steps: its <c>-P</c> matches only the first path of
/// <c>rename(2)</c>, and the temporary name carries the writer's PID.
/// </summary>
internal sealed class FileStepKiller : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private int _pid;

    public FileStepKiller(string path, bool onDelete)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        _watcher = new FileSystemWatcher(dir) { Filter = "*", NotifyFilter = NotifyFilters.FileName };
        var name = Path.GetFileName(path);
        if (onDelete)
        {
            _watcher.Deleted += (_, e) => Hit(e.Name == name);
        }
        else
        {
            _watcher.Renamed += (_, e) => Hit(e.Name == name);
            _watcher.Created += (_, e) => Hit(e.Name == name);
        }

        _watcher.EnableRaisingEvents = true;
    }

    public bool Fired { get; private set; }

    public void Arm(int pid) => _pid = pid;

    public void Dispose() => _watcher.Dispose();

    private void Hit(bool match)
    {
        if (!match || _pid == 0 || Fired)
        {
            return;
        }

        Fired = true;
        try
        {
            using var p = Process.GetProcessById(_pid);
            p.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
