using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// Devices of one resource allocated to one container of a pod, with the plugin's <c>ContainerAllocateResponse</c>
/// (envs, mounts, device specs, annotations, CDI devices) that a runtime would apply.
/// </summary>
public sealed record ContainerAllocation(
    string Pod,
    string Container,
    string ResourceName,
    IReadOnlyList<string> DeviceIds,
    ContainerAllocateResponse Response,
    bool PreferredAllocationAsked);
