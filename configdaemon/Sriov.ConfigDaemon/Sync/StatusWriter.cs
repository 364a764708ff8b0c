using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;

namespace Sriov.ConfigDaemon.Sync;

/// <summary>
/// Writes the daemon's part of a node state's status (<c>interfaces</c>, <c>syncStatus</c>, <c>lastSyncError</c>) as a
/// JSON merge patch of the status subresource that carries the resourceVersion it was computed from, re-reading and
/// retrying on 409 Conflict (operator.md §4.2: upstream merge-patches status with conflict retry). Other status fields
/// (bridges, system) are left to whoever owns them. Nothing is sent when the status already says the same.
/// </summary>
internal sealed class StatusWriter(ResourceClient<SriovNetworkNodeState> states)
{
    private const int MaxAttempts = 5;

    /// <summary>The written (or unchanged) state and the syncStatus it had before; null when the node state is gone.</summary>
    public async Task<(SriovNetworkNodeState State, string? Previous)?> WriteAsync(
        ObjectKey key, List<InterfaceExt> interfaces, string syncStatus, string? lastSyncError, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await states.GetAsync(key, ct);
            if (current is null)
            {
                return null;
            }

            var previous = current.Status?.SyncStatus;
            var error = lastSyncError ?? current.Status?.LastSyncError ?? "";
            if (previous == syncStatus && (current.Status?.LastSyncError ?? "") == error && Same(current.Status?.Interfaces, interfaces))
            {
                return (current, previous);
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["status"] = new JsonObject
                {
                    ["interfaces"] = JsonSerializer.SerializeToNode(interfaces, SriovJsonContext.Default.ListInterfaceExt),
                    ["syncStatus"] = syncStatus,
                    ["lastSyncError"] = error,
                },
            };
            try
            {
                var written = await states.PatchStatusAsync(key, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), ct);
                return (written, previous);
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < MaxAttempts)
            {
                // Someone wrote the node state since it was read: read it again and recompute.
            }
        }
    }

    private static bool Same(List<InterfaceExt>? a, List<InterfaceExt> b) =>
        JsonSerializer.Serialize(a ?? [], SriovJsonContext.Default.ListInterfaceExt)
        == JsonSerializer.Serialize(b, SriovJsonContext.Default.ListInterfaceExt);
}
