using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>The shared guests of this assembly: every <see cref="IRealKernelScenarios"/> class here runs in them.</summary>
public sealed class SimRealKernelGuests : RealKernelGuests
{
    public SimRealKernelGuests()
        : base(typeof(SimRealKernelGuests).Assembly)
    {
        RealKernel.Scenarios.ScenarioRecords.StartSimulator();
    }
}
