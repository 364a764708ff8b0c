namespace Sriov.Sim.VfDriver;

/// <summary>
/// How one PF driver answers VF requests. <see cref="Igb"/> follows what the real igb driver answered in QEMU's
/// emulated 82576 (spec real-nic.md §3); the others accept everything their hardware supports.
/// </summary>
public sealed record VfDriverProfile
{
    public required string Name { get; init; }

    /// <summary>IFLA_VF_LINK_STATE supported (igb: EOPNOTSUPP).</summary>
    public bool LinkState { get; init; } = true;

    /// <summary>InfiniBand node/port GUIDs supported (igb: EOPNOTSUPP, the kernel's answer without ndo_set_vf_guid).</summary>
    public bool Guids { get; init; } = true;

    /// <summary>802.1ad port VLANs supported (igb: EPROTONOSUPPORT).</summary>
    public bool Dot1AD { get; init; } = true;

    /// <summary>A non-zero minimum TX rate supported (igb: EINVAL).</summary>
    public bool MinRate { get; init; } = true;

    /// <summary>Rate limits refused with EINVAL while the PF has no carrier (igb).</summary>
    public bool RateNeedsCarrier { get; init; }

    /// <summary>Link speed; a maximum rate above it is EINVAL.</summary>
    public int LinkSpeedMbps { get; init; } = 100_000;

    /// <summary>Whether the driver reports RSS query (igb does not: the kernel's -1 stays).</summary>
    public bool ReportsRssQuery { get; init; } = true;

    public MacPropagation MacPropagation { get; init; } = MacPropagation.Late;

    /// <summary>Delay of <see cref="MacPropagation.Late"/>.</summary>
    public TimeSpan MacDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Intel 82576 with igb/igbvf, as measured in the real-kernel tier.</summary>
    public static VfDriverProfile Igb { get; } = new()
    {
        Name = "igb",
        LinkState = false,
        Guids = false,
        Dot1AD = false,
        MinRate = false,
        RateNeedsCarrier = true,
        LinkSpeedMbps = 1000,
        ReportsRssQuery = false,
        MacPropagation = MacPropagation.OnDriverReload,
    };

    /// <summary>ice/i40e PF with iavf VFs: everything accepted; the admin MAC reaches the VF netdev late.</summary>
    public static VfDriverProfile IceIavf { get; } = new() { Name = "ice", LinkSpeedMbps = 100_000, MacPropagation = MacPropagation.Late };

    /// <summary>mlx5: everything accepted (GUIDs too); the netdev MAC must be set explicitly.</summary>
    public static VfDriverProfile Mlx5 { get; } = new() { Name = "mlx5", LinkSpeedMbps = 100_000, MacPropagation = MacPropagation.Never };

    public static IReadOnlyList<VfDriverProfile> All { get; } = [Igb, IceIavf, Mlx5];

    /// <summary>igb, ice (also iavf, i40e), mlx5 (also mlx5_core).</summary>
    public static VfDriverProfile ByName(string name) => name switch
    {
        "igb" => Igb,
        "ice" or "iavf" or "i40e" => IceIavf,
        "mlx5" or "mlx5_core" => Mlx5,
        _ => throw new ArgumentException($"driver profile \"{name}\" is unknown; use igb, ice or mlx5", nameof(name)),
    };
}
