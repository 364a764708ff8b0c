using System.Text.Json;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Host.Ownership;

namespace Sriov.ConfigDaemon.Records;

/// <summary>
/// The per-PF records under <c>&lt;state dir&gt;/pci/</c> (the state dir is <c>&lt;host root&gt;/etc/sriov-operator</c>
/// unless <c>--state-dir</c> says otherwise), in upstream's format: one file per PF named
/// by its PCI address, holding the JSON of the spec's Interface (upstream's <c>json.Marshal</c> of it: its key order,
/// empty values left out), so a PF configured by the upstream daemon stays "ours" after an upgrade and ours are read by
/// it. Our one addition, <c>originalMtu</c>, is ignored by upstream's decoder (Go drops unknown keys). Writes are atomic
/// (temp file, then rename), so a killed daemon leaves the old record or the new one.
/// </summary>
internal static class PfRecordStore
{
    /// <summary><c>&lt;state dir&gt;/pci</c>.</summary>
    public static string DirectoryFor(string stateDir) => Path.Join(stateDir, "pci");

    public static string PathFor(string stateDir, string pciAddress) =>
        Path.Join(DirectoryFor(stateDir), CheckedName(pciAddress));

    /// <summary>Every record, by PCI address. An unreadable or malformed record still counts (marked <see cref="PfRecord.Malformed"/>).</summary>
    public static IReadOnlyDictionary<string, PfRecord> ReadAll(string stateDir)
    {
        var records = new Dictionary<string, PfRecord>(StringComparer.Ordinal);
        var dir = DirectoryFor(stateDir);
        if (!Directory.Exists(dir))
        {
            return records;
        }

        foreach (var file in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(file);
            if (IsPciAddress(name))
            {
                records[name] = Parse(name, ReadText(file));
            }
        }

        return records;
    }

    /// <summary>Parses one record's content (upstream's JSON, or ours).</summary>
    public static PfRecord Parse(string pciAddress, string? text)
    {
        if (text is null)
        {
            return new PfRecord(new InterfaceSpec { PciAddress = pciAddress }, null, "unreadable");
        }

        try
        {
            var spec = JsonSerializer.Deserialize(text, SriovJsonContext.Default.InterfaceSpec) ?? new InterfaceSpec();
            if (string.IsNullOrEmpty(spec.PciAddress))
            {
                spec.PciAddress = pciAddress;
            }

            int? original = null;
            using (var doc = JsonDocument.Parse(text))
            {
                if (doc.RootElement.TryGetProperty("originalMtu", out var o) && o.TryGetInt32(out var mtu) && mtu > 0)
                {
                    original = mtu;
                }
            }

            return new PfRecord(spec, original);
        }
        catch (JsonException e)
        {
            return new PfRecord(new InterfaceSpec { PciAddress = pciAddress }, null, e.Message);
        }
    }

    /// <summary>Writes a PF's record (replacing the old one atomically).</summary>
    public static void Write(string stateDir, PfRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathFor(stateDir, record.Applied.PciAddress);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, PfRecordJson.Serialize(record));
    }

    /// <summary>Removes a PF's record; a missing one is fine.</summary>
    public static void Delete(string stateDir, string pciAddress) => File.Delete(PathFor(stateDir, pciAddress));

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CheckedName(string pciAddress) =>
        IsPciAddress(pciAddress)
            ? pciAddress
            : throw new ArgumentException($"pciAddress: \"{pciAddress}\" is not a PCI address in the form 0000:3b:00.0", nameof(pciAddress));

    private static bool IsPciAddress(string? name) =>
        Sriov.Host.Sysfs.PciAddress.TryParse(name, out var a) && a.ToString() == name;
}
