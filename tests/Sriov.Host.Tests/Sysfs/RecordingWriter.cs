using Sriov.Host.Sysfs;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>The write seam in tests: records every write and answers with an errno where a rule says so.</summary>
internal sealed class RecordingWriter : ISysfsWriter
{
    private readonly ISysfsWriter _inner;
    private readonly Func<string, string, int>? _errno;
    private readonly List<(string Attribute, string Content)> _writes = [];

    /// <param name="inner">Where accepted writes go (the real write path onto the simulated tree).</param>
    /// <param name="errno">(path, content) → errno to answer instead of writing, or 0 to write.</param>
    public RecordingWriter(ISysfsWriter? inner = null, Func<string, string, int>? errno = null)
    {
        _inner = inner ?? KernelSysfsWriter.Instance;
        _errno = errno;
    }

    /// <summary>(last two path segments, content) of every write, in order.</summary>
    public IReadOnlyList<(string Attribute, string Content)> Writes
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
            _writes.Add((Path.Join(Path.GetFileName(Path.GetDirectoryName(path)), Path.GetFileName(path)), content));
        }

        var errno = _errno?.Invoke(path, content) ?? 0;
        return errno != 0 ? errno : _inner.Write(path, content);
    }
}
