namespace Sriov.Sim.RealKernel;

/// <summary>
/// Implemented by a test class that contributes guest scenarios to its assembly's shared boots: every implementing
/// type is found by reflection (<see cref="RealKernelGuests"/>), so adding a scenario touches no shared file.
/// </summary>
public interface IRealKernelScenarios
{
    static abstract IEnumerable<GuestScenario> Scenarios { get; }
}
