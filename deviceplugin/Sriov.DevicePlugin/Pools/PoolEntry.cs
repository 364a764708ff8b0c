using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Pools;

/// <summary>One device of a pool with its presence and health as last evaluated.</summary>
internal sealed record PoolEntry(PoolDevice Device, Presence Presence, bool Healthy, string? Reason)
{
    public string Id => Device.Id;

    /// <summary>How many resyncs in a row found the function missing.</summary>
    public int MissingRounds { get; init; }
}
