using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Cluster;
using Sriov.Kube.Updates;

namespace Sriov.ConfigDaemon.Drain;

/// <summary>
/// Writes the daemon's side of the drain handshake (operator.md §4.6): <c>desired-state</c> on its node state and the
/// same value in <c>sriovnetwork.openshift.io/state</c> on its Node, each by a merge patch of just that annotation, so
/// it never conflicts with the operator writing <c>current-state</c>.
/// </summary>
internal sealed class DrainHandshake(ClusterWatches cluster)
{
    /// <summary>Asks for a drain (the daemon never needs a reboot: it changes no firmware or kernel arguments).</summary>
    public Task RequestAsync(SriovNetworkNodeState state, string reason, CancellationToken ct) =>
        WriteAsync(state, DrainStates.DrainRequired, "DrainRequested", $"drain requested: {reason}", ct);

    /// <summary>Lets the operator uncordon the node.</summary>
    public Task ReleaseAsync(SriovNetworkNodeState state, string why, CancellationToken ct) =>
        WriteAsync(state, DrainStates.Idle, "DrainReleased", why, ct);

    private async Task WriteAsync(SriovNetworkNodeState state, string value, string reason, string message, CancellationToken ct)
    {
        await cluster.Nodes.PatchAnnotationsAsync(cluster.NodeKey, new Dictionary<string, string?> { [SriovAnnotations.NodeState] = value }, ct: ct);
        await cluster.States.PatchAnnotationsAsync(cluster.StateKey, new Dictionary<string, string?> { [SriovAnnotations.DesiredState] = value }, ct: ct);
        await cluster.Events.NormalAsync(state, reason, message, ct);
    }
}
