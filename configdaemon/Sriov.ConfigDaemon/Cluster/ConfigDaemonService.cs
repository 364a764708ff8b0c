using k8s;
using Microsoft.Extensions.Logging;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.Kube.Queues;
using Sriov.Kube.Reconcile;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// The running daemon: the watches feed one work-queue key (the node), one worker reconciles it (upstream's
/// MaxConcurrentReconciles 1), each pass requeues itself after the resync period (the host has no events the API
/// would see), and the health endpoints report on it. Runs until cancelled.
/// </summary>
internal sealed class ConfigDaemonService(DaemonSettings settings, NodeHost host, IKubernetes kube, ILoggerFactory loggers, LogLevelSwitch logLevel, TimeProvider time)
{
    public HealthState Health { get; } = new(time, settings.ResyncPeriod);

    /// <summary>The health endpoints' address once they are up (null before, or without <c>--health-addr</c>).</summary>
    public Uri? HealthAddress { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        var logger = loggers.CreateLogger("daemon");
        DaemonLog.Starting(logger, settings.NodeName, settings.Namespace, host.Root.Path);
        using var watches = new ClusterWatches(kube, settings, time, loggers);
        using var queue = new WorkQueue<string>(time);
        var key = watches.StateKey.ToString();
        var reconciler = new NodeStateReconciler(settings, host, watches, loggers, logLevel, Health);
        var subscriptions = watches.Subscribe(() => queue.Add(key));
        await using var health = settings.HealthAddress is { } address ? await HealthServer.StartAsync(address, Health, ct) : null;
        HealthAddress = health?.Address;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var informers = watches.RunAsync(stop.Token);
        try
        {
            await watches.WaitForSyncAsync(ct);
            DaemonLog.Synced(logger, key);
            queue.Add(key);
            await new ReconcileLoop<string>("config-daemon", queue, reconciler.ReconcileAsync, logger).RunAsync(ct);
        }
        finally
        {
            DaemonLog.Stopping(logger);
            foreach (var s in subscriptions)
            {
                s.Dispose();
            }

            await stop.CancelAsync();
            try
            {
                await informers;
            }
            catch (OperationCanceledException)
            {
                // The informers stop by cancellation.
            }
        }
    }
}
