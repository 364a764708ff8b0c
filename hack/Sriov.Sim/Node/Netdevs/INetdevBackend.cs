using Sriov.Sim.Node.Kernel;

namespace Sriov.Sim.Node.Netdevs;

/// <summary>
/// Where a simulated function's network interface lives: plain directories in the tree (<see cref="FileNetdevs"/>) or a
/// real veth interface whose sysfs directory the tree links to (<see cref="VethNetdevs"/>). Called on the emulator's thread.
/// </summary>
internal interface INetdevBackend : IDisposable
{
    /// <summary>Registers the interfaces (in <c>&lt;device&gt;/net/</c> and <c>class/net/</c>); returns each one's actual name.</summary>
    IReadOnlyList<string> RegisterMany(IReadOnlyList<(SimFunction Function, NetdevSpec Spec)> netdevs);

    /// <summary>Unregisters the interfaces of these functions, wherever they are (a VF's interface may be in a pod's netns).</summary>
    void UnregisterMany(IReadOnlyList<SimFunction> functions);

    /// <summary>True while background work (following veths between namespaces) has not caught up.</summary>
    bool Busy { get; }
}
