namespace Sriov.DevicePlugin.Pools;

/// <summary>Where a pool's device stands on the host.</summary>
internal enum Presence
{
    /// <summary>Selected by the latest discovery.</summary>
    Present,

    /// <summary>Still on the host but bound to no driver (kept, Unhealthy, until bound again).</summary>
    Unbound,

    /// <summary>Its function is gone (kept, Unhealthy, while its PF is being reconfigured, else for one resync).</summary>
    Missing,
}
