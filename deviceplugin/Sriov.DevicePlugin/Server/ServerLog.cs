using Microsoft.Extensions.Logging;

namespace Sriov.DevicePlugin.Server;

/// <summary>Log messages of the per-pool gRPC servers and the registrar.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: serving {Count} devices on {Socket}")]
    public static partial void Serving(ILogger logger, string resource, int count, string socket);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: stopped serving {Socket}")]
    public static partial void Stopped(ILogger logger, string resource, string socket);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: registered with the kubelet through {KubeletSocket}")]
    public static partial void Registered(ILogger logger, string resource, string kubeletSocket);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: registration with the kubelet through {KubeletSocket} failed, retrying in {Delay}: {Error}")]
    public static partial void RegisterFailed(ILogger logger, string resource, string kubeletSocket, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: the kubelet's plugin watcher asked for plugin info")]
    public static partial void InfoRequested(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: the kubelet registered the plugin")]
    public static partial void WatcherRegistered(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}: the kubelet refused the plugin: {Error}; the socket stays, the kubelet retries")]
    public static partial void WatcherRefused(ILogger logger, string resource, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource}: ListAndWatch stream opened")]
    public static partial void StreamOpened(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource}: allocated {Devices}")]
    public static partial void Allocated(ILogger logger, string resource, string devices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: Allocate refused: {Error}")]
    public static partial void AllocateRefused(ILogger logger, string resource, string error);
}
