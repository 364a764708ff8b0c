using Sriov.Api.Node.DevicePlugin;

namespace Sriov.DevicePlugin.Config;

/// <summary>One validated resource of the config: the pool <c>&lt;prefix&gt;/&lt;name&gt;</c> and how to fill it.</summary>
internal sealed record PoolSpec
{
    /// <summary>Position in the config's <c>resourceList</c> (pools are built and printed in this order).</summary>
    public required int Index { get; init; }

    public required string Prefix { get; init; }

    public required string Name { get; init; }

    /// <summary>One of <see cref="DeviceTypes"/>.</summary>
    public required string DeviceType { get; init; }

    public bool ExcludeTopology { get; init; }

    public required IReadOnlyList<SelectorSpec> Selectors { get; init; }

    /// <summary><c>additionalInfo</c>: <c>"*"</c> for every device, or a PCI address; values override <c>"*"</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AdditionalInfo { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The extended resource name, <c>intel.com/intel_sriov_netdevice</c>.</summary>
    public string FullName => Prefix + "/" + Name;

    /// <summary>Upstream's socket file name, <c>intel.com_intel_sriov_netdevice.sock</c>.</summary>
    public string SocketName => Prefix + "_" + Name + ".sock";

    /// <summary>CDI kind name of the pool's device type (upstream's constants).</summary>
    public string CdiKind => DeviceType switch
    {
        DeviceTypes.Accelerator => "net-accel",
        DeviceTypes.AuxNetDevice => "net-sf",
        _ => "net-pci",
    };
}
