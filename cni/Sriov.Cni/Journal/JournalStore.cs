using Sriov.Cni.Config;
using Sriov.Host.Ownership;

namespace Sriov.Cni.Journal;

/// <summary>
/// The journals in the state directory (<c>SRIOV_CNI_DIR</c>, default <c>&lt;host root&gt;/var/lib/cni/sriov</c>), one
/// per attachment at upstream's cache path <c>&lt;dir&gt;/&lt;containerID&gt;-&lt;ifname&gt;</c>. Created with
/// write-then-rename (<see cref="AtomicFile"/>) and updated in place within one page (<see cref="InPlace"/>), so a
/// killed plugin leaves the previous version or the new one; never flushed to disk, because a node crash takes the
/// netns and VF state the journal describes with it. Both halves of
/// the name were checked by <c>CniEnvironmentReader</c> before they reach here, so a path cannot leave the directory.
/// </summary>
internal sealed class JournalStore
{
    public JournalStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    public string Directory { get; }

    public string PathFor(Attachment attachment) => Path.Join(Directory, attachment.FileName);

    /// <summary>The journal of an attachment; null when there is none. A file that is not a journal throws <see cref="JournalFormatException"/>.</summary>
    public AttachmentJournal? Read(Attachment attachment)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathFor(attachment));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return JournalCodec.Read(bytes, attachment);
    }

    /// <summary>
    /// Writes the journal: a new one with write-then-rename; an update of an existing one in place, when old and new
    /// both fit in one page (<see cref="InPlace"/>), else again with write-then-rename.
    /// </summary>
    public void Write(AttachmentJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var path = PathFor(journal.Attachment);
        var bytes = JournalCodec.Write(journal);
        if (InPlace.TryUpdate(path, bytes))
        {
            return;
        }

        CreateDirectory();
        AtomicFile.Write(path, bytes, durable: false);
    }

    public void Delete(Attachment attachment) => File.Delete(PathFor(attachment));

    /// <summary>
    /// The file names of every journal-looking file (not the <c>pci/</c> directory, not a writer's temporary file).
    /// Upstream caches do not say which container they belong to; GC matches names against its valid attachments.
    /// </summary>
    public IReadOnlyList<string> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(file);
            if (!name.Contains(".tmp-", StringComparison.Ordinal) && name.Contains('-', StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Reads a journal by file name (GC). The attachment is split at the last '-' for upstream caches.</summary>
    public AttachmentJournal ReadFile(string fileName)
    {
        var dash = fileName.LastIndexOf('-');
        var guess = new Attachment(fileName[..dash], fileName[(dash + 1)..]);
        return JournalCodec.Read(File.ReadAllBytes(Path.Join(Directory, fileName)), guess);
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsLinux())
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
    }
}
