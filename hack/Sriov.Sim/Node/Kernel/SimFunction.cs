using Sriov.Host.Sysfs;
using Sriov.Sim.Node.Description;

namespace Sriov.Sim.Node.Kernel;

/// <summary>The emulator's state of one PCI function (a bridge, a PF or a VF). Touched only by the emulator's thread.</summary>
internal sealed class SimFunction
{
    public SimFunction(PciAddress address, string directory, PortDescription? port, SimFunction? pf, int vfIndex)
    {
        Address = address;
        Directory = directory;
        Port = port;
        Pf = pf;
        VfIndex = vfIndex;
    }

    public PciAddress Address { get; }

    /// <summary>The real device directory under <c>sys/devices</c>.</summary>
    public string Directory { get; }

    /// <summary>The port this PF belongs to, or whose VF this is; null for a bridge.</summary>
    public PortDescription? Port { get; }

    public SimFunction? Pf { get; }

    /// <summary>The VF index, or -1.</summary>
    public int VfIndex { get; }

    public bool IsBridge => Port is null;

    public bool IsVf => Pf is not null;

    public bool IsPf => Port is not null && Pf is null;

    public string Vendor => Port is null ? "8086" : IsVf ? Port.VfVendor ?? Port.Vendor : Port.Vendor;

    public string Device => Port is null ? "2030" : IsVf ? Port.VfDevice : Port.Device;

    public string SubsystemVendor => Port?.SubsystemVendor ?? Port?.Vendor ?? "8086";

    public string SubsystemDevice => Port?.SubsystemDevice ?? "0000";

    public string ClassCode => Port?.Class ?? "060400";

    /// <summary>The driver that probes this function by id (autoprobe), or null.</summary>
    public string? NativeDriver => Port is null ? "pcieport" : IsVf ? NullIfEmpty(Port.VfDriver) : Port.Driver;

    public int NumaNode => Port?.NumaNode ?? -1;

    public string? Driver { get; set; }

    public string? DriverOverride { get; set; }

    public int? IommuGroup { get; set; }

    public int NumVfs => Vfs.Count;

    public List<SimFunction> Vfs { get; } = [];

    /// <summary>The interface's current name while the function is bound to its native netdev driver.</summary>
    public string? Netdev { get; set; }

    /// <summary>The name the driver gave the interface, from the description (without the veth mode's node token).</summary>
    public string? NetdevBase { get; set; }

    public string? RdmaDevice { get; set; }

    /// <summary>Bumped on every bind/unbind/removal so a delayed netdev registration for an older binding is dropped.</summary>
    public int BindGeneration { get; set; }

    public bool Removed { get; set; }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public override string ToString() => Address.ToString();
}
