namespace Sriov.Sim.Kubelet;

/// <summary>One device as the plugin last reported it in ListAndWatch.</summary>
public sealed record PluginDevice(string Id, string Health, IReadOnlyList<long> NumaNodes)
{
    public bool IsHealthy => Health == Sriov.Kubelet.DevicePluginApi.Healthy;
}
