using Sriov.Sim.RealKernel;

namespace Sriov.DevicePlugin.Tests.RealKernel;

/// <summary>The real-kernel guests of this assembly's scenarios (or the tier's shared pass's results for them).</summary>
public sealed class DevicePluginGuests() : RealKernelGuests(typeof(DevicePluginGuests).Assembly);

/// <summary>The real-kernel tests of this assembly share the guests; they run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<DevicePluginGuests>
{
    public const string Name = "RealKernel";
}
