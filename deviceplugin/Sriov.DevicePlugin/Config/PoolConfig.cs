namespace Sriov.DevicePlugin.Config;

/// <summary>A validated config: the pools in config order, and warnings about fields that have no effect.</summary>
internal sealed record PoolConfig(IReadOnlyList<PoolSpec> Pools, IReadOnlyList<string> Warnings)
{
    public static PoolConfig Empty { get; } = new([], []);

    public bool NeedsAuxDevices => Pools.Any(p => p.DeviceType == Sriov.Api.Node.DevicePlugin.DeviceTypes.AuxNetDevice);

    public bool NeedsVdpa => Pools.Any(p => p.Selectors.Any(s => s.VdpaType is not null));

    public bool NeedsPKeys => Pools.Any(p => p.Selectors.Any(s => s.PKeys.Count > 0));

    public bool NeedsDdp => Pools.Any(p => p.Selectors.Any(s => s.DdpProfiles.Count > 0));
}
