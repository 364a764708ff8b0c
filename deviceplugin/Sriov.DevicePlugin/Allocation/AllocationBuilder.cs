using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.DevicePlugin.Allocation;

/// <summary>
/// One container's Allocate answer (spec/device-plugin.md §3.4), pure: the env pair <c>PCIDEVICE_..</c> (ids in request
/// order) and <c>..._INFO</c>; the device nodes de-duplicated by host path (several vfio VFs share
/// <c>/dev/vfio/vfio</c>); or, in CDI mode, no nodes and the CDI annotation naming the devices that have nodes.
/// </summary>
internal static class AllocationBuilder
{
    public static ContainerAllocateResponse Build(PoolSpec pool, IReadOnlyList<PoolDevice> devices, bool useCdi)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(devices);
        var response = new ContainerAllocateResponse();
        if (devices.Count == 0)
        {
            return response;
        }

        response.Envs[EnvNames.Devices(pool.Prefix, pool.Name)] = string.Join(",", devices.Select(d => d.Id));
        response.Envs[EnvNames.Info(pool.Prefix, pool.Name)] = InfoJson.Write(devices);
        if (useCdi)
        {
            var named = devices.Where(d => d.Nodes.Count > 0).Select(d => CdiNames.QualifiedDevice(pool.Prefix, pool.CdiKind, d.Id)).ToList();
            if (named.Count > 0)
            {
                response.Annotations[CdiNames.Annotation(pool.Prefix, pool.CdiKind)] = string.Join(",", named);
            }

            return response;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in devices.SelectMany(d => d.Nodes))
        {
            if (seen.Add(node.HostPath))
            {
                response.Devices.Add(new DeviceSpec { HostPath = node.HostPath, ContainerPath = node.ContainerPath, Permissions = node.Permissions });
            }
        }

        return response;
    }
}
