using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Devices;

/// <summary>
/// A device as a pool advertises and allocates it: the candidate, what its selector object added (RDMA, vhost-net,
/// vDPA), the device nodes and the <c>_INFO</c> providers, and the NUMA node it is advertised with.
/// </summary>
internal sealed record PoolDevice
{
    public required DeviceCandidate Candidate { get; init; }

    public string Id => Candidate.Id;

    /// <summary>The NUMA node in ListAndWatch's topology; null when unknown or <c>excludeTopology</c>.</summary>
    public int? Numa { get; init; }

    public IReadOnlyList<DeviceNode> Nodes { get; init; } = [];

    public IReadOnlyList<EnvProvider> Env { get; init; } = [];

    /// <summary>The RDMA devices put in the device-info file (<c>rdma-device</c>), for isRdma selections.</summary>
    public IReadOnlyList<string> Rdma { get; init; } = [];

    /// <summary>The vDPA device when the selector asked for a vdpaType (device-info type <c>vdpa</c>).</summary>
    public VdpaDevice? Vdpa { get; init; }
}
