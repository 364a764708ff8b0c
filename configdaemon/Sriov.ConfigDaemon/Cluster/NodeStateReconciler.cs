using Microsoft.Extensions.Logging;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Apply;
using Sriov.ConfigDaemon.Commands;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Drain;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.ConfigDaemon.Planning;
using Sriov.ConfigDaemon.Sync;
using Sriov.Kube.Reconcile;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// One pass of the daemon (operator.md §4.2, level-based): read the node, plan against the spec, and either report
/// that the node is in its spec (Succeeded), report what prevents it (Failed, naming PF, VF and operation), ask for a
/// drain and wait, or apply and report. Every outcome is written to the status; none leaves a silent InProgress: a
/// failure is Failed with <c>lastSyncError</c> and retried with a backoff from the resync period doubling to
/// <see cref="MaxFailureBackoff"/>. A drain the daemon asked for is held until the node is in its spec (then released
/// at once), so a failing node is not drained again and again; its status says why it stays cordoned.
/// </summary>
internal sealed class NodeStateReconciler
{
    private readonly DaemonSettings _settings;
    private readonly NodeHost _host;
    private readonly ClusterWatches _cluster;
    private readonly ILogger _logger;
    private readonly LogLevelSwitch _logLevel;
    private readonly HealthState _health;
    private readonly PlanExecutor _executor;
    private readonly StatusWriter _status;
    private readonly DrainHandshake _drain;
    private readonly DevicePluginGate _devicePlugin;
    private int _failures;
    private int _unconverged;

    /// <summary>Passes that apply something without reaching the spec before the node is reported Failed.</summary>
    public const int MaxPasses = 3;

    /// <summary>The longest wait between retries of a failing node.</summary>
    public static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromMinutes(5);

    public NodeStateReconciler(
        DaemonSettings settings, NodeHost host, ClusterWatches cluster, ILoggerFactory loggers, LogLevelSwitch logLevel, HealthState health)
    {
        _settings = settings;
        _host = host;
        _cluster = cluster;
        _logger = loggers.CreateLogger("daemon");
        _logLevel = logLevel;
        _health = health;
        _executor = new PlanExecutor(host, loggers.CreateLogger("apply"));
        _status = new StatusWriter(cluster.States);
        _drain = new DrainHandshake(cluster);
        _devicePlugin = new DevicePluginGate(cluster, _logger);
    }

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken ct)
    {
        var result = await PassAsync(ct);
        _health.PassCompleted(result.RequeueAfter);
        return result;
    }

    private async Task<ReconcileResult> PassAsync(CancellationToken ct)
    {
        var config = _cluster.ConfigInformer.Cache.Get(_cluster.ConfigKey);
        _logLevel.Set(config?.Spec?.LogLevel);
        var state = _cluster.StateInformer.Cache.Get(_cluster.StateKey);
        if (state is null)
        {
            DaemonLog.NoNodeState(_logger, _cluster.StateKey.ToString());
            return ReconcileResult.After(_settings.ResyncPeriod);
        }

        var (snapshot, plan) = Plan(state.Spec);
        var interfaces = StatusBuilder.Interfaces(snapshot);
        var desired = Annotation(state, SriovAnnotations.DesiredState);
        if (plan.IsEmpty)
        {
            return await SucceededAsync(state, interfaces, desired, ct);
        }

        DaemonLog.Planned(_logger, state.Metadata.Generation ?? 0, plan.Actions.Count, plan.Drain);
        if (plan.Problems.Any(p => !p.IsConflict))
        {
            return await FailedAsync(state, interfaces, plan.ProblemText, ct);
        }

        var disableDrain = config?.Spec?.DisableDrain == true;
        var current = Annotation(state, SriovAnnotations.CurrentState);
        switch (DrainDecision.Decide(plan.Drain, disableDrain, desired, current))
        {
            case DrainStep.Request:
                await SetAsync(state, interfaces, SyncStatuses.InProgress, null, ct);
                var why = plan.Problems.Count > 0 ? plan.ProblemText : string.Join("; ", plan.Actions.Where(a => a.Disruptive).Select(a => a.Describe()));
                DaemonLog.DrainRequested(_logger, why);
                await _drain.RequestAsync(state, why, ct);
                return ReconcileResult.After(_settings.ResyncPeriod);
            case DrainStep.Wait:
                DaemonLog.DrainWaiting(_logger, desired ?? DrainStates.Idle, current ?? DrainStates.Idle);
                await SetAsync(state, interfaces, SyncStatuses.InProgress, null, ct);
                return ReconcileResult.After(_settings.ResyncPeriod);
            default:
                break;
        }

        if (plan.Problems.Count > 0)
        {
            // Drained (or drains are off) and a VF to change still belongs to a live pod: the pod was not evicted.
            return await FailedAsync(state, interfaces, plan.ProblemText, ct, TimeSpan.FromSeconds(5));
        }

        await SetAsync(state, interfaces, SyncStatuses.InProgress, null, ct);
        try
        {
            await _executor.ExecuteAsync(plan, ct);
        }
        catch (ApplyException e)
        {
            return await FailedAsync(state, StatusBuilder.Interfaces(Plan(state.Spec).Host), e.Message, ct);
        }

        var (after, again) = Plan(state.Spec);
        if (again.IsEmpty)
        {
            return await SucceededAsync(state, StatusBuilder.Interfaces(after), desired, ct);
        }

        // Applied, yet more to do (e.g. a VF driver that took its time): one more pass, but never an endless InProgress.
        if (++_unconverged < MaxPasses)
        {
            return ReconcileResult.Retry;
        }

        _unconverged = 0;
        var left = string.Join("; ", again.Actions.Select(a => a.Describe()));
        return await FailedAsync(state, StatusBuilder.Interfaces(after), $"the node did not converge after {MaxPasses} passes; still to do: {left}", ct);
    }

    private (HostSnapshot Host, NodePlan Plan) Plan(SriovNetworkNodeStateSpec? spec) =>
        NodeSession.DiscoverAndPlan(_host, SupportedNics(), _settings.DevMode, spec);

    private SupportedNicList SupportedNics()
    {
        if (_cluster.NicIdsInformer.Cache.Get(_cluster.NicIdsKey) is not { } configMap)
        {
            return SupportedNicList.BuiltIn;
        }

        var warnings = new List<string>();
        var list = SupportedNicList.FromConfigMapData(configMap.Data, warnings);
        foreach (var w in warnings)
        {
            DaemonLog.ConfigWarning(_logger, w);
        }

        return list;
    }

    private async Task<ReconcileResult> SucceededAsync(SriovNetworkNodeState state, List<InterfaceExt> interfaces, string? desired, CancellationToken ct)
    {
        _failures = 0;
        _unconverged = 0;
        await SetAsync(state, interfaces, SyncStatuses.Succeeded, "", ct);
        if (DrainDecision.Holds(desired))
        {
            await _drain.ReleaseAsync(state, "the node is configured", ct);
            DaemonLog.DrainReleased(_logger);
        }

        await _devicePlugin.UnblockAsync(ct);
        return ReconcileResult.After(_settings.ResyncPeriod);
    }

    /// <summary>Reports a failure and schedules the retry: <paramref name="retry"/>, or the backoff.</summary>
    private async Task<ReconcileResult> FailedAsync(
        SriovNetworkNodeState state, List<InterfaceExt> interfaces, string error, CancellationToken ct, TimeSpan? retry = null)
    {
        DaemonLog.SyncFailed(_logger, error);
        await SetAsync(state, interfaces, SyncStatuses.Failed, error, ct);
        _failures++;
        var backoff = _settings.ResyncPeriod * Math.Pow(2, Math.Min(_failures - 1, 16));
        return ReconcileResult.After(retry ?? (backoff < MaxFailureBackoff ? backoff : MaxFailureBackoff));
    }

    private async Task SetAsync(SriovNetworkNodeState state, List<InterfaceExt> interfaces, string syncStatus, string? error, CancellationToken ct)
    {
        var written = await _status.WriteAsync(_cluster.StateKey, interfaces, syncStatus, error, ct);
        if (written is not { } w || w.Previous == syncStatus)
        {
            return;
        }

        DaemonLog.SyncStatusChanged(_logger, w.Previous ?? "(none)", syncStatus);
        var message = SyncTransition.Message(w.Previous, syncStatus, syncStatus == SyncStatuses.Failed ? error : null);
        if (syncStatus == SyncStatuses.Failed)
        {
            await _cluster.Events.WarningAsync(w.State, SyncTransition.Reason, message, ct);
        }
        else
        {
            await _cluster.Events.NormalAsync(w.State, SyncTransition.Reason, message, ct);
        }
    }

    private static string? Annotation(SriovNetworkNodeState state, string key) =>
        state.Metadata.Annotations?.TryGetValue(key, out var value) == true ? value : null;
}
