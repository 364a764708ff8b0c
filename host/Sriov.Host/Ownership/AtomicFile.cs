using System.Globalization;

namespace Sriov.Host.Ownership;

/// <summary>
/// Write-then-rename: the content goes to <c>&lt;path&gt;.tmp-&lt;pid&gt;</c>, is flushed to disk, and is renamed over
/// <c>&lt;path&gt;</c> (atomic within one file system), so readers see the old file or the new one, never a torn one.
/// Files are 0600: they name pods and are read only by the node agents (root).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = string.Create(CultureInfo.InvariantCulture, $"{path}.tmp-{Environment.ProcessId}");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (OperatingSystem.IsLinux())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
