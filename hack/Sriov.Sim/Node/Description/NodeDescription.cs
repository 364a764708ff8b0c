namespace Sriov.Sim.Node.Description;

/// <summary>
/// A simulated node: its SR-IOV capable ports and the IOMMU mode, as YAML or JSON (camelCase keys; JSON is read as
/// YAML, of which it is a subset). Plain settable properties so YamlDotNet can bind them; <see cref="NodeDescriptionValidator"/>
/// checks a loaded description and names the field and value of every mistake.
/// </summary>
public sealed class NodeDescription
{
    /// <summary>Optional name, shown by <c>sriov-sim node profiles</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>on</c> (every function in its own IOMMU group), <c>off</c> (no groups; vfio-pci cannot bind) or <c>noiommu</c> (vfio's unsafe no-IOMMU mode).</summary>
    public string Iommu { get; set; } = "on";

    /// <summary>Drivers loaded besides the ports' own (their <c>bus/pci/drivers/&lt;name&gt;</c> directories exist); <c>vfio-pci</c> by default.</summary>
    public List<string> Drivers { get; set; } = ["vfio-pci"];

    /// <summary>The SR-IOV capable PCI functions (a NIC port, or an accelerator).</summary>
    public List<PortDescription> Ports { get; set; } = [];

    /// <summary>The IOMMU mode parsed (valid after validation).</summary>
    internal IommuMode IommuMode => Iommu switch
    {
        "off" => IommuMode.Off,
        "noiommu" => IommuMode.NoIommu,
        _ => IommuMode.On,
    };
}
