using Sriov.Host.Sysfs;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>The sysfs write seam in tests: counts every write and answers with an errno where a rule says so.</summary>
internal sealed class RecordingWriter(Func<string, string, int>? errno = null) : ISysfsWriter
{
    private readonly List<(string Path, string Content)> _writes = [];

    public IReadOnlyList<(string Path, string Content)> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public int Write(string path, string content)
    {
        lock (_writes)
        {
            _writes.Add((path, content));
        }

        var e = errno?.Invoke(path, content) ?? 0;
        return e != 0 ? e : KernelSysfsWriter.Instance.Write(path, content);
    }

    public void Clear()
    {
        lock (_writes)
        {
            _writes.Clear();
        }
    }
}
