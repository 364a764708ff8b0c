using Microsoft.Extensions.Logging;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>Log events of the running daemon.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "config daemon starting on node {Node}, namespace {Namespace}, host root {Root}")]
    public static partial void Starting(ILogger logger, string node, string @namespace, string root);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "watches synced; reconciling node state {Key}")]
    public static partial void Synced(ILogger logger, string key);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "no SriovNetworkNodeState {Key} yet; waiting for the operator to create it")]
    public static partial void NoNodeState(ILogger logger, string key);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "node state generation {Generation}: {Steps} steps to apply, drain needed: {Drain}")]
    public static partial void Planned(ILogger logger, long generation, int steps, bool drain);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "drain requested ({Reason}); waiting for the operator to drain the node")]
    public static partial void DrainRequested(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "waiting for the drain: desired {Desired}, current {Current}")]
    public static partial void DrainWaiting(ILogger logger, string desired, string current);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "drain released")]
    public static partial void DrainReleased(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "sync failed: {Error}")]
    public static partial void SyncFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "sync status {From} -> {To}")]
    public static partial void SyncStatusChanged(ILogger logger, string from, string to);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "device plugin pod {Pod} unblocked (annotation {Annotation} removed)")]
    public static partial void DevicePluginUnblocked(ILogger logger, string pod, string annotation);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ConfigWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "stopping")]
    public static partial void Stopping(ILogger logger);
}
