using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;

namespace Sriov.DevicePlugin.Selection;

/// <summary>A pool as selection built it from one snapshot: its spec and its devices sorted by id.</summary>
internal sealed record BuiltPool(PoolSpec Spec, IReadOnlyList<PoolDevice> Devices);
