using Sriov.Sim.RealKernel;

namespace Sriov.DevicePlugin.Tests.RealKernel;

/// <summary>The shared real-kernel guest of this assembly (its scenarios all run in the one boot with an IOMMU).</summary>
public sealed class DevicePluginGuests() : RealKernelGuests(typeof(DevicePluginGuests).Assembly);

/// <summary>The real-kernel tests of this assembly share the guests; they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<DevicePluginGuests>
{
    public const string Name = "RealKernel";
}
