namespace Sriov.ConfigDaemon.Discovery;

/// <summary>One VF as discovery found it: sysfs (driver, netdev) and what its PF reports for it over netlink.</summary>
internal sealed record HostVf
{
    /// <summary>N of the PF's <c>virtfnN</c>.</summary>
    public required int Index { get; init; }

    public required string PciAddress { get; init; }

    public string? Vendor { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>Bound driver; null when unbound.</summary>
    public string? Driver { get; init; }

    /// <summary><c>driver_override</c>; null when unset.</summary>
    public string? DriverOverride { get; init; }

    public int? IommuGroup { get; init; }

    /// <summary>The VF's interface in the host namespace; null when it has none here (user-space driver, unbound, or in a pod).</summary>
    public string? Netdev { get; init; }

    public string? Mac { get; init; }

    public int? Mtu { get; init; }

    /// <summary>ARPHRD type of the netdev (1 Ethernet, 32 InfiniBand).</summary>
    public int? NetdevType { get; init; }

    /// <summary>True when the PF reports this VF over netlink (IFLA_VFINFO_LIST); the admin fields below are known only then.</summary>
    public bool PfReportsVf { get; init; }

    /// <summary>The administrative MAC set through the PF, lower-case; <c>00:00:00:00:00:00</c> when none.</summary>
    public string? AdminMac { get; init; }

    public int? Vlan { get; init; }

    /// <summary>InfiniBand node GUID the PF reports; null when not reported.</summary>
    public ulong? NodeGuid { get; init; }

    /// <summary>The owner of a live allocation record (ARCHITECTURE.md "Who owns a VF"); null when free.</summary>
    public string? AllocatedTo { get; init; }

    /// <summary>A record exists but its netns is gone (the pod died without DEL): the VF is free.</summary>
    public bool HasStaleRecord { get; init; }
}
