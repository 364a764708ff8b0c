using Sriov.Sim.RealKernel;

namespace Sriov.DevicePlugin.Tests.RealKernel;

/// <summary>The shared real-kernel guests of this assembly (one plain boot, one with an IOMMU).</summary>
public sealed class DevicePluginGuests() : RealKernelGuests(typeof(DevicePluginGuests).Assembly);

/// <summary>The real-kernel tests of this assembly share the guests; they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<DevicePluginGuests>
{
    public const string Name = "RealKernel";
}
