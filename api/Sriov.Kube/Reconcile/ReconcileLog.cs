using Microsoft.Extensions.Logging;

namespace Sriov.Kube.Reconcile;

internal static partial class ReconcileLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: reconcile of {Key} failed (retry {Retry}, after its backoff)")]
    public static partial void Failed(ILogger logger, Exception exception, string controller, string key, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller}: reconcile of {Key} failed for good; not retried until the object changes")]
    public static partial void Terminal(ILogger logger, Exception exception, string controller, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: {Key} reconciled; again in {Delay}")]
    public static partial void RequeuedAfter(ILogger logger, string controller, string key, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: {Key} reconciled")]
    public static partial void Reconciled(ILogger logger, string controller, string key);
}
