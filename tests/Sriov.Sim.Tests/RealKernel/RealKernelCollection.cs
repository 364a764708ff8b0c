namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// The real-kernel tests of this assembly share two guest boots (plain and with an IOMMU); they run in parallel with
/// the other collections, since everything they change lives inside the guests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection : ICollectionFixture<SimRealKernelGuests>
{
    public const string Name = "RealKernel";
}
