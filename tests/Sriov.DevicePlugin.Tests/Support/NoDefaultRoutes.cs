using Sriov.DevicePlugin.Discovery;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>A host without default routes (the simulated trees have no netdevs in the test's netns).</summary>
internal sealed class NoDefaultRoutes : IDefaultRoutes
{
    public IReadOnlySet<string> Read() => new HashSet<string>();
}
