namespace Sriov.Sim.Kubelet;

/// <summary>
/// What the kubelet knows of one extended resource: the plugin's endpoint and options, the devices from its latest
/// ListAndWatch message, and whether the plugin is connected. <see cref="Capacity"/> counts every device and
/// <see cref="Allocatable"/> the healthy ones, as the node status reports them; a disconnected plugin's devices are
/// all unhealthy until the grace period drops the resource.
/// </summary>
public sealed record DeviceResource(
    string Name,
    string Endpoint,
    RegistrationMode Mode,
    bool PreStartRequired,
    bool GetPreferredAllocationAvailable,
    IReadOnlyList<PluginDevice> Devices,
    bool Connected,
    int ListAndWatchUpdates)
{
    public int Capacity => Devices.Count;

    public int Allocatable => Connected ? Devices.Count(d => d.IsHealthy) : 0;
}
