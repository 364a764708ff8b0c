using System.Text.Json;
using System.Text.Json.Nodes;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;
using Sriov.Kube.Updates;

namespace Sriov.ConfigDaemon.Sync;

/// <summary>
/// Writes the daemon's part of a node state's status (<c>interfaces</c>, <c>syncStatus</c>, <c>lastSyncError</c>) as a
/// JSON merge patch of the status subresource with conflict retry (<see cref="ResourceUpdates.MergePatchStatusAsync{T}"/>;
/// operator.md §4.2: upstream merge-patches status with conflict retry). Other status fields (bridges, system) are left
/// to whoever owns them. Nothing is sent when the status already says the same.
/// </summary>
internal sealed class StatusWriter(ResourceClient<SriovNetworkNodeState> states)
{
    /// <summary>The written (or unchanged) state and the syncStatus it had before; null when the node state is gone.</summary>
    public async Task<(SriovNetworkNodeState State, string? Previous)?> WriteAsync(
        ObjectKey key, List<InterfaceExt> interfaces, string syncStatus, string? lastSyncError, CancellationToken ct)
    {
        string? previous = null;
        try
        {
            var state = await states.MergePatchStatusAsync(key, current =>
            {
                previous = current.Status?.SyncStatus;
                var error = lastSyncError ?? current.Status?.LastSyncError ?? "";
                if (previous == syncStatus && (current.Status?.LastSyncError ?? "") == error && Same(current.Status?.Interfaces, interfaces))
                {
                    return null;
                }

                return new JsonObject
                {
                    ["interfaces"] = JsonSerializer.SerializeToNode(interfaces, SriovJsonContext.Default.ListInterfaceExt),
                    ["syncStatus"] = syncStatus,
                    ["lastSyncError"] = error,
                };
            }, ct);
            return (state, previous);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static bool Same(List<InterfaceExt>? a, List<InterfaceExt> b) =>
        JsonSerializer.Serialize(a ?? [], SriovJsonContext.Default.ListInterfaceExt)
        == JsonSerializer.Serialize(b, SriovJsonContext.Default.ListInterfaceExt);
}
