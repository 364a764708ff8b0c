using Microsoft.Extensions.Logging;

namespace Sriov.Sim.Kubelet;

/// <summary>The kubelet emulator's log messages.</summary>
internal static partial class KubeletLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "kubelet emulator: registered {Resource} at {Endpoint} ({Mode})")]
    public static partial void Registered(ILogger logger, string resource, string endpoint, RegistrationMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubelet emulator: refused registration of {Resource} at {Endpoint}: {Error}")]
    public static partial void Refused(ILogger logger, string resource, string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "kubelet emulator: device plugin for {Resource} disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "kubelet emulator: restarting (cleaning {Dir})")]
    public static partial void Restarting(ILogger logger, string dir);

    [LoggerMessage(Level = LogLevel.Warning, Message = "kubelet emulator: plugin watcher could not handle {Socket}: {Error}")]
    public static partial void WatcherFailed(ILogger logger, string socket, string error);
}
