using System.Globalization;
using System.Text;
using System.Text.Json;
using Sriov.Host.Json;
using Sriov.Host.Namespaces;

namespace Sriov.Host.Ownership;

/// <summary>
/// The allocation records of ARCHITECTURE.md ("Who owns a VF") under <c>&lt;host root&gt;/var/lib/cni/sriov/pci/</c>.
/// <para>
/// <c>pci/&lt;pci&gt;</c> holds exactly the pod's netns path, upstream sriov-cni's format, so an upstream plugin running
/// during an upgrade still sees the VF as allocated (it opens that content as a netns). The owner details upstream's
/// format cannot carry (container ID, ifname, netns inode) sit beside it in <c>pci/&lt;pci&gt;.owner</c> (JSON). The
/// owner file counts only while its <c>netns</c> equals the record's content: an upstream plugin that replaced the
/// record leaves a stale owner file, which is then ignored.
/// </para>
/// Writes go to a temporary file that is renamed over the target (atomic on one file system), owner file first, so a
/// crash leaves either no record or a complete one.
/// </summary>
public static class AllocationRecords
{
    private const string OwnerSuffix = ".owner";

    /// <summary><c>&lt;host root&gt;/var/lib/cni/sriov/pci/&lt;pci&gt;</c>; the address is checked before it becomes a path.</summary>
    public static string PathFor(HostRoot root, string pciAddress)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Path.Join(Directory(root), Checked(pciAddress));
    }

    /// <summary>The record of a VF, or null when it has none.</summary>
    public static AllocationRecord? Read(HostRoot root, string pciAddress)
    {
        var path = PathFor(root, pciAddress);
        string netns;
        try
        {
            netns = File.ReadAllText(path).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return ReadOwner(path + OwnerSuffix, pciAddress, netns) ?? new AllocationRecord(pciAddress, netns, null, null, null);
    }

    /// <summary>Every record under the root (for the config daemon's "is this VF in use" check and for GC).</summary>
    public static IReadOnlyList<AllocationRecord> ReadAll(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var dir = Directory(root);
        if (!System.IO.Directory.Exists(dir))
        {
            return [];
        }

        var records = new List<AllocationRecord>();
        foreach (var file in System.IO.Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(file);
            if (Locks.PciAddress.IsCanonical(name) && Read(root, name) is { } record)
            {
                records.Add(record);
            }
        }

        records.Sort(static (a, b) => string.CompareOrdinal(a.PciAddress, b.PciAddress));
        return records;
    }

    /// <summary>Writes (or replaces) a VF's record: the owner file, then the upstream-format record.</summary>
    public static void Write(HostRoot root, AllocationRecord record) => Write(root, record, durable: true);

    /// <summary>
    /// As <see cref="Write(HostRoot, AllocationRecord)"/>; with <paramref name="durable"/> false the files are not
    /// flushed to disk before their rename (atomic for every process, lost by a node crash, which also ends the pod's
    /// netns the record names: the CNI writes its records so, on every ADD).
    /// </summary>
    public static void Write(HostRoot root, AllocationRecord record, bool durable)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.NetnsPath) || record.NetnsPath.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"netnsPath: \"{record.NetnsPath}\" is not a usable netns path", nameof(record));
        }

        var path = PathFor(root, record.PciAddress);
        CreateDirectory(Path.GetDirectoryName(path)!);
        if (!record.IsUpstreamFormat)
        {
            AtomicFile.Write(path + OwnerSuffix, OwnerJson(record), durable);
        }
        else
        {
            File.Delete(path + OwnerSuffix);
        }

        AtomicFile.Write(path, Encoding.UTF8.GetBytes(record.NetnsPath), durable);
    }

    /// <summary>Removes a VF's record (the upstream-format file first, so a crash in between leaves only an ignored
    /// owner file). Missing files are fine.</summary>
    public static void Delete(HostRoot root, string pciAddress)
    {
        var path = PathFor(root, pciAddress);
        File.Delete(path);
        File.Delete(path + OwnerSuffix);
    }

    /// <summary>
    /// Whether the record's netns still exists and is the same namespace (same inode when the record has one: a netns
    /// path can be reused by a new pod after the old one is gone). Errors other than "does not exist" count as live,
    /// so a VF is never taken from a pod because of an unreadable path.
    /// </summary>
    public static bool IsLive(AllocationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            using var ns = NetNs.Open(record.NetnsPath);
            return record.NetnsInode is not { } inode || inode == ns.Inode;
        }
        catch (NetnsNotFoundException)
        {
            return false;
        }
        catch (NetnsException e) when (e.Message.Contains("is not a network namespace", StringComparison.Ordinal))
        {
            // A regular file or directory where a netns was: the pod's namespace is gone (upstream: same answer).
            return false;
        }
    }

    private static string Directory(HostRoot root) => Path.Join(root.CniState, "pci");

    private static string Checked(string pciAddress) =>
        Locks.PciAddress.IsCanonical(pciAddress)
            ? pciAddress
            : throw new ArgumentException(
                $"pciAddress: \"{pciAddress}\" is not a PCI address in the form 0000:3b:02.1 (lower-case hex)", nameof(pciAddress));

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsLinux())
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory);
        }
    }

    private static byte[] OwnerJson(AllocationRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("pciAddress", record.PciAddress);
            json.WriteString("containerID", record.ContainerId);
            json.WriteString("ifname", record.IfName);
            json.WriteString("netns", record.NetnsPath);
            if (record.NetnsInode is { } inode)
            {
                json.WriteNumber("netnsInode", inode);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static AllocationRecord? ReadOwner(string path, string pciAddress, string netns)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("netns", out var ns) || ns.GetString() != netns
                || !root.TryGetProperty("containerID", out var cid) || cid.GetString() is not { Length: > 0 } containerId
                || !root.TryGetProperty("ifname", out var ifn) || ifn.GetString() is not { Length: > 0 } ifName)
            {
                return null;
            }

            ulong? inode = root.TryGetProperty("netnsInode", out var ino) && ino.TryGetUInt64(out var value) ? value : null;
            return new AllocationRecord(pciAddress, netns, containerId, ifName, inode);
        }
        catch (JsonException)
        {
            // A torn or foreign owner file: fall back to the upstream-format record.
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
