using Sriov.Sim.RealKernel;

namespace Sriov.Cni.Tests.RealKernel;

/// <summary>The shared guest boots of this assembly's real-kernel scenarios (docs/testing.md, "Real kernel").</summary>
public sealed class CniRealKernelGuests() : RealKernelGuests(typeof(CniRealKernelGuests).Assembly);

/// <summary>Real-kernel tests share the guests; everything they change lives inside the guests.</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<CniRealKernelGuests>
{
    public const string Name = "RealKernel";
}
