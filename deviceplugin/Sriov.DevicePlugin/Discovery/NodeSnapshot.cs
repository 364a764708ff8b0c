using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// Everything discovery read from the host at one moment, as plain data for the pure selection and health rules:
/// the PCI inventory, which netdevs carry a default route, which PFs carry a reconfiguring marker, the extras, the
/// auxiliary devices, the RDMA character devices and whether vhost-net is available.
/// </summary>
internal sealed record NodeSnapshot
{
    public required PciInventory Inventory { get; init; }

    /// <summary>Netdev names that carry an IPv4 default route in the main table (upstream's exclusion rule).</summary>
    public IReadOnlySet<string> DefaultRouteNetdevs { get; init; } = new HashSet<string>();

    /// <summary>PCI addresses (canonical text) of PFs that have a reconfiguring marker.</summary>
    public IReadOnlySet<string> ReconfiguringPfs { get; init; } = new HashSet<string>();

    public IReadOnlyDictionary<PciAddress, FunctionExtras> Extras { get; init; } = new Dictionary<PciAddress, FunctionExtras>();

    public IReadOnlyList<AuxFunction> AuxDevices { get; init; } = [];

    public IReadOnlyDictionary<string, RdmaCharDevices> Rdma { get; init; } = new Dictionary<string, RdmaCharDevices>();

    /// <summary>
    /// RDMA device names remembered by device id for devices a pool held with RDMA devices that are still on the host
    /// with the same driver but whose RDMA devices and netdev left the host's view: in exclusive RDMA netns mode the
    /// CNI moves both into the pod (see <see cref="Pools.RdmaMemory"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MovedRdma { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>/dev/vhost-net</c> and <c>/dev/net/tun</c> both exist.</summary>
    public bool VhostNet { get; init; }

    public FunctionExtras ExtrasOf(PciAddress address) => Extras.GetValueOrDefault(address) ?? FunctionExtras.None;
}
