using Microsoft.Extensions.Logging;

namespace Sriov.Kube.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "informer {Informer}: listed {Count} objects at resourceVersion {ResourceVersion}, {Changes} changes delivered")]
    public static partial void Listed(ILogger logger, string informer, int count, string? resourceVersion, int changes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "informer {Informer}: watching from resourceVersion {ResourceVersion}")]
    public static partial void Watching(ILogger logger, string informer, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "informer {Informer}: the watch ended after {Events} events; resuming from resourceVersion {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string informer, int events, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "informer {Informer}: resourceVersion {ResourceVersion} is too old for the server (410 Gone); re-listing")]
    public static partial void Expired(ILogger logger, string informer, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Informer}: no event or bookmark for {Silence}; restarting the watch from resourceVersion {ResourceVersion}")]
    public static partial void WatchSilent(ILogger logger, string informer, TimeSpan silence, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Informer}: {Step} failed; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, string informer, string step, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "informer {Informer}: an event handler failed on {Type} {Key}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string informer, InformerEventType type, string key);
}
