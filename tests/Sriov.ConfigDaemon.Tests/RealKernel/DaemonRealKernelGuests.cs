using Sriov.Sim.RealKernel;

namespace Sriov.ConfigDaemon.Tests.RealKernel;

/// <summary>The shared guest boots of this assembly's real-kernel tests.</summary>
public sealed class DaemonRealKernelGuests() : RealKernelGuests(typeof(DaemonRealKernelGuests).Assembly);

/// <summary>The real-kernel tests of this assembly share the guests (they change nothing outside them).</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<DaemonRealKernelGuests>
{
    public const string Name = "RealKernel";
}
