using System.Globalization;

namespace Sriov.Host.Ownership;

/// <summary>
/// Write-then-rename: the content goes to <c>&lt;path&gt;.tmp-&lt;pid&gt;</c>, is flushed to disk, and is renamed over
/// <c>&lt;path&gt;</c> (atomic within one file system), so readers see the old file or the new one, never a torn one.
/// Files are 0600: they name pods and are read only by the node agents (root).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content) => Write(path, content, durable: true);

    /// <summary>
    /// As <see cref="Write(string, ReadOnlySpan{byte})"/>; with <paramref name="durable"/> false the content is not
    /// flushed to disk before the rename. The rename is still atomic for every process on the machine (a killed writer
    /// leaves the old file or the new one), which is all a file needs whose meaning dies with the machine's state, such
    /// as the CNI's journal: after a crash of the node, the netns and VF state it describes are gone too.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = string.Create(CultureInfo.InvariantCulture, $"{path}.tmp-{Environment.ProcessId}");
        try
        {
            var options = new FileStreamOptions
            {
                // Created afresh (O_EXCL), not truncated: FileMode.Create opens and then ftruncates to 0, and on ext4 a
                // truncation to 0 makes the blocks be allocated when the file is closed (auto_da_alloc, meant for
                // programs that rewrite a file in place) instead of at writeback. Allocated blocks must be freed when the
                // file is deleted, which on a file system mounted with `discard` waits for the device (0.1-0.4 ms per
                // file here, and a CNI DEL deletes three); a file deleted before writeback never gets blocks at all.
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (OperatingSystem.IsLinux())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            FileStream stream;
            try
            {
                stream = new FileStream(temp, options);
            }
            catch (IOException) when (File.Exists(temp))
            {
                // Left by a dead writer that had our PID: take it over, truncated.
                options.Mode = FileMode.Create;
                stream = new FileStream(temp, options);
            }

            using (stream)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Removes the temporary files of writers killed between writing and renaming (<c>&lt;path&gt;.tmp-&lt;pid&gt;</c>)
    /// whose process is gone (a live PID may be writing right now; the agents share the host's PID namespace).
    /// </summary>
    public static void DeleteLeftovers(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        var prefix = Path.GetFileName(path) + ".tmp-";
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            var pid = Path.GetFileName(file)[prefix.Length..];
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Directory.Exists("/proc/" + pid))
            {
                File.Delete(file);
            }
        }
    }
}
