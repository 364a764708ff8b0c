using Microsoft.Extensions.Logging;

namespace Sriov.DevicePlugin.Watch;

/// <summary>Log messages of the plugin host: config, discovery, pools, health, the kubelet.</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "sriov-device-plugin: {Mode} mode, sockets in {Directory}, config {Config}, host root {Root}")]
    public static partial void Starting(ILogger logger, string mode, string directory, string config, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ConfigWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Error, Message = "the changed config is not used; the last good pools keep serving: {Error}")]
    public static partial void ConfigRejected(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "config reloaded from {Path}: {Count} resources")]
    public static partial void ConfigReloaded(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: pool added ({Count} devices)")]
    public static partial void PoolAdded(ILogger logger, string resource, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: pool removed from the config; the kubelet keeps it in the node's capacity at 0 until it restarts")]
    public static partial void PoolRemoved(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Device} added")]
    public static partial void DeviceAdded(ILogger logger, string resource, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Device} removed")]
    public static partial void DeviceRemoved(ILogger logger, string resource, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: {Device} is Unhealthy: {Reason}")]
    public static partial void Unhealthy(ILogger logger, string resource, string device, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {Device} is Healthy again")]
    public static partial void Healthy(ILogger logger, string resource, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "not advertised: {Exclusion}")]
    public static partial void Excluded(ILogger logger, string exclusion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "rediscovery: {Functions} functions, {Devices} devices in {Pools} pools, {Ms:0.0} ms; managed heap {HeapMiB:0.0} MiB")]
    public static partial void Rediscovered(ILogger logger, int functions, int devices, int pools, double ms, double heapMiB);

    [LoggerMessage(Level = LogLevel.Error, Message = "rediscovery failed, the pools keep their devices: {Error}")]
    public static partial void RediscoveryFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "the kubelet restarted ({Socket} was re-created); serving and registering again")]
    public static partial void KubeletRestarted(ILogger logger, string socket);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed {Socket}: left by an earlier run for a pool no longer configured, nobody listens on it")]
    public static partial void StaleSocketRemoved(ILogger logger, string socket);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: socket {Socket} was removed or replaced; serving it again")]
    public static partial void SocketLost(ILogger logger, string resource, string socket);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}: cannot serve {Socket}: {Error}; retrying at the next check")]
    public static partial void ServeFailed(ILogger logger, string resource, string socket, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "link events stopped ({Error}); PF link health now follows the periodic resync only")]
    public static partial void LinkEventsFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "cannot write {What}: {Error}")]
    public static partial void WriteFailed(ILogger logger, string what, string error);
}
