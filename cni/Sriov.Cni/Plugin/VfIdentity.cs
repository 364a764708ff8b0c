namespace Sriov.Cni.Plugin;

/// <summary>A VF as sysfs shows it: its PF (PCI address and netdev), its index, its netdev on the host and its driver.</summary>
internal sealed record VfIdentity
{
    public required string DeviceId { get; init; }

    public required string PfPci { get; init; }

    public required string PfName { get; init; }

    public required int VfIndex { get; init; }

    /// <summary>The VF's netdev in the host netns (first entry of <c>net/</c>); null when it has none there.</summary>
    public string? Netdev { get; init; }

    public string? Driver { get; init; }

    /// <summary>The PF's MTU (reported for userspace VFs).</summary>
    public int PfMtu { get; init; }

    public override string ToString() => $"VF {DeviceId} (VF {VfIndex} of PF {PfName})";
}
