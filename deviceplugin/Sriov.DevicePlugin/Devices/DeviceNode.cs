namespace Sriov.DevicePlugin.Devices;

/// <summary>A device node a container gets (the kubelet's <c>DeviceSpec</c>, a CDI <c>deviceNode</c>).</summary>
internal sealed record DeviceNode(string HostPath, string ContainerPath, string Permissions = "rw")
{
    public static DeviceNode Same(string path) => new(path, path);
}
