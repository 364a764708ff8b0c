using Sriov.ConfigDaemon.Records;

namespace Sriov.ConfigDaemon.Discovery;

/// <summary>
/// Everything the planner needs to know about the node at one moment: the supported PFs and their VFs, which drivers
/// are loaded, vfio's no-IOMMU mode, the per-PF records of what was applied before, and the PFs whose
/// "reconfiguring" marker is set.
/// </summary>
internal sealed record HostSnapshot
{
    public IReadOnlyList<HostPf> Pfs { get; init; } = [];

    /// <summary>Drivers known to be loaded (<c>bus/pci/drivers/&lt;d&gt;</c> exists), among those discovery was asked about.</summary>
    public IReadOnlySet<string> LoadedDrivers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool NoIommuMode { get; init; }

    /// <summary>Per-PF records under <c>etc/sriov-operator/pci/</c>, by PCI address.</summary>
    public IReadOnlyDictionary<string, PfRecord> Records { get; init; } = new Dictionary<string, PfRecord>(StringComparer.Ordinal);

    /// <summary>PFs with a reconfiguring marker (an earlier apply did not finish).</summary>
    public IReadOnlySet<string> MarkedPfs { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public HostPf? Find(string pciAddress) => Pfs.FirstOrDefault(p => string.Equals(p.PciAddress, pciAddress, StringComparison.OrdinalIgnoreCase));
}
