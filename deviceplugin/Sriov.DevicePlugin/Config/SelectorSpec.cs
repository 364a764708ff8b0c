using Sriov.DevicePlugin.Selection;

namespace Sriov.DevicePlugin.Config;

/// <summary>
/// One validated selector object. An empty set does not filter; values inside a set are ORed, fields are ANDed.
/// Vendor and device ids are lower-cased (upstream compares lower-case modalias values, so an upper-case id there
/// silently matched nothing).
/// </summary>
internal sealed record SelectorSpec
{
    public IReadOnlySet<string> Vendors { get; init; } = EmptySet;

    public IReadOnlySet<string> Devices { get; init; } = EmptySet;

    public IReadOnlySet<string> Drivers { get; init; } = EmptySet;

    public IReadOnlySet<string> PciAddresses { get; init; } = EmptySet;

    public IReadOnlySet<string> AcpiIndexes { get; init; } = EmptySet;

    public IReadOnlyList<FunctionFilter> PfNames { get; init; } = [];

    public IReadOnlyList<FunctionFilter> RootDevices { get; init; } = [];

    public IReadOnlySet<string> LinkTypes { get; init; } = EmptySet;

    public IReadOnlySet<string> DdpProfiles { get; init; } = EmptySet;

    /// <summary>Partition keys as numbers (<c>0x7fff</c> and <c>0x7FFF</c> are the same key).</summary>
    public IReadOnlySet<int> PKeys { get; init; } = new HashSet<int>();

    public IReadOnlySet<string> AuxTypes { get; init; } = EmptySet;

    public bool IsRdma { get; init; }

    public bool NeedVhostNet { get; init; }

    /// <summary><c>vhost</c>, <c>virtio</c> or null.</summary>
    public string? VdpaType { get; init; }

    private static IReadOnlySet<string> EmptySet { get; } = new HashSet<string>();
}
