using Sriov.Api.NodeStates;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.ConfigDaemon.Planning;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>Discovery and planning over one node, shared by the commands and the daemon loop.</summary>
internal static class NodeSession
{
    /// <summary>The drivers a spec's VF groups name (so discovery checks they are loaded).</summary>
    public static IEnumerable<string> DriversOf(SriovNetworkNodeStateSpec? spec) =>
        (spec?.Interfaces ?? [])
            .SelectMany(i => i.VfGroups ?? [])
            .Select(g => g.DeviceType)
            .Where(t => !string.IsNullOrEmpty(t) && t != GroupTarget.Netdevice)
            .Select(t => t!)
            .Distinct(StringComparer.Ordinal);

    public static (HostSnapshot Host, NodePlan Plan) DiscoverAndPlan(
        NodeHost host, SupportedNicList supported, bool devMode, SriovNetworkNodeStateSpec? spec)
    {
        var snapshot = NodeDiscovery.Discover(host, supported, devMode, DriversOf(spec));
        return (snapshot, NodePlanner.Plan(spec, snapshot));
    }
}
