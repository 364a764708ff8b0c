using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;

namespace Sriov.Sim.Scenario;

/// <summary>A named network namespace a scenario added (<c>/run/netns/NAME</c>), with an rtnetlink client inside it.</summary>
internal sealed class ScenarioNetns : IDisposable
{
    public ScenarioNetns(string logicalName, string name, NetNs handle, RouteNetlink client)
    {
        LogicalName = logicalName;
        Name = name;
        Handle = handle;
        Client = client;
    }

    /// <summary>The name in the script.</summary>
    public string LogicalName { get; }

    /// <summary>The name on the machine (the target's prefix in front).</summary>
    public string Name { get; }

    public NetNs Handle { get; }

    public RouteNetlink Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Handle.Dispose();
    }
}
