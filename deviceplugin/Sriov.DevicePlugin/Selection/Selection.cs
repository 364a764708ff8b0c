using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Selection;

/// <summary>The pools built from one snapshot, in config order, and the functions no device type offered (with why).</summary>
internal sealed record Selection(IReadOnlyList<BuiltPool> Pools, IReadOnlyList<Exclusion> Excluded);
