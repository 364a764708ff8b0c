namespace Sriov.Sim.Scenario;

/// <summary>
/// A scenario operation that cannot even be attempted (the VF has no interface to move, a namespace the script never
/// added). Recorded as the step's outcome like any other error, so a difference between targets stays visible.
/// </summary>
internal sealed class ScenarioException : Exception
{
    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException()
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
