namespace Sriov.Api.Node.DevicePlugin;

/// <summary>The values of <see cref="ResourceConfig.DeviceType"/> the device plugin knows.</summary>
public static class DeviceTypes
{
    public const string NetDevice = "netDevice";
    public const string Accelerator = "accelerator";
    public const string AuxNetDevice = "auxNetDevice";
}
