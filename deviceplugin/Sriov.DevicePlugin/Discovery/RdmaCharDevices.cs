namespace Sriov.DevicePlugin.Discovery;

/// <summary>
/// The character devices of one RDMA device (<c>mlx5_0</c>) from <c>sys/class/infiniband_verbs</c>,
/// <c>infiniband_mad</c> and <c>infiniband_cm</c> (matched through each entry's <c>ibdev</c>), as
/// <c>/dev/infiniband/...</c> paths; <c>/dev/infiniband/rdma_cm</c> is added for every RDMA device.
/// </summary>
internal sealed record RdmaCharDevices(string Device, IReadOnlyList<string> Paths)
{
    public const string RdmaCm = "/dev/infiniband/rdma_cm";
}
