using Microsoft.Extensions.Logging;

namespace Sriov.Kube.Events;

internal static partial class EventLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record event {Reason} ({Type}) for {Kind} {Object}: {Error}")]
    public static partial void Failed(ILogger logger, string reason, string type, string? kind, string @object, string error);
}
