using System.Globalization;
using System.Text.Json;
using Sriov.Host.Json;

namespace Sriov.Host.Ownership;

/// <summary>
/// The config daemon's "reconfiguring" marker of ARCHITECTURE.md ("Who owns a VF"):
/// <c>&lt;host root&gt;/var/run/sriov/reconfiguring/&lt;pf pci&gt;</c>, written before the daemon changes a PF (VF count,
/// drivers) and removed when it is done. While it exists the device plugin reports that PF's VFs Unhealthy and CNI ADD
/// on them answers code 11 (try again later). It lives on <c>/var/run</c> (tmpfs), so a reboot clears it; a daemon
/// killed in the middle leaves it until its restart converges and removes it, which is the intent: the PF is in an
/// intermediate state until then. Content (JSON, informational): <c>{"pf","reason","since","pid"}</c>.
/// </summary>
public static class ReconfiguringMarker
{
    /// <summary><c>&lt;host root&gt;/var/run/sriov/reconfiguring</c>.</summary>
    public static string DirectoryFor(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Path.Join(root.RunState, "reconfiguring");
    }

    /// <summary>The marker file of a PF.</summary>
    public static string PathFor(HostRoot root, string pfPciAddress) =>
        Locks.PciAddress.IsCanonical(pfPciAddress)
            ? Path.Join(DirectoryFor(root), pfPciAddress)
            : throw new ArgumentException(
                $"pfPciAddress: \"{pfPciAddress}\" is not a PCI address in the form 0000:3b:00.0 (lower-case hex)", nameof(pfPciAddress));

    /// <summary>Marks a PF as being reconfigured (replaces an older marker).</summary>
    public static void Set(HostRoot root, string pfPciAddress, string reason, DateTimeOffset now)
    {
        var path = PathFor(root, pfPciAddress);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, MinimalJsonEncoder.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("pf", pfPciAddress);
            json.WriteString("reason", reason);
            json.WriteString("since", now.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteEndObject();
        }

        AtomicFile.Write(path, buffer.ToArray());
    }

    /// <summary>Removes a PF's marker; a missing one is fine.</summary>
    public static void Clear(HostRoot root, string pfPciAddress) => File.Delete(PathFor(root, pfPciAddress));

    /// <summary>Whether the PF is being reconfigured now.</summary>
    public static bool IsSet(HostRoot root, string pfPciAddress) => File.Exists(PathFor(root, pfPciAddress));

    /// <summary>Every PF with a marker (PCI addresses, sorted).</summary>
    public static IReadOnlyList<string> List(HostRoot root)
    {
        var dir = DirectoryFor(root);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var list = Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Where(static n => Locks.PciAddress.IsCanonical(n))
            .Select(static n => n!)
            .ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
