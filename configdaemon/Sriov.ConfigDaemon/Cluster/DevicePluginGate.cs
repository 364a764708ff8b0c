using Microsoft.Extensions.Logging;
using Sriov.Api.Common;
using Sriov.Kube.Client;
using Sriov.Kube.Updates;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// Unblocks the device plugin (operator.md §4.8): its init container (<c>wait-for-config</c>) annotates its own pod with
/// <c>device-plugin-wait-config</c> and waits until that is removed; the daemon removes it from the pods on its node
/// once the node is configured, so the plugin never advertises VFs that are about to change.
/// </summary>
internal sealed class DevicePluginGate(ClusterWatches cluster, ILogger logger)
{
    public async Task UnblockAsync(CancellationToken ct)
    {
        foreach (var pod in cluster.PodInformer.Cache.List())
        {
            if (pod.Metadata.Annotations?.ContainsKey(SriovAnnotations.DevicePluginWaitConfig) != true)
            {
                continue;
            }

            var key = ObjectKey.Of(pod);
            try
            {
                await cluster.Pods.PatchAnnotationsAsync(key, new Dictionary<string, string?> { [SriovAnnotations.DevicePluginWaitConfig] = null }, ct: ct);
                DaemonLog.DevicePluginUnblocked(logger, key.ToString(), SriovAnnotations.DevicePluginWaitConfig);
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                // The pod went away meanwhile.
            }
        }
    }
}
