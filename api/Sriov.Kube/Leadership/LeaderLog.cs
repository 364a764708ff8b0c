using Microsoft.Extensions.Logging;

namespace Sriov.Kube.Leadership;

internal static partial class LeaderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "lease {Lease}: {Identity} is now the leader")]
    public static partial void Acquired(ILogger logger, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lease {Lease}: {Identity} could not renew for {Deadline} and stopped leading")]
    public static partial void Lost(ILogger logger, string lease, string identity, TimeSpan deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "lease {Lease}: {Identity} released it")]
    public static partial void Released(ILogger logger, string lease, string identity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "lease {Lease}: {Identity} could not acquire or renew: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string lease, string identity, string error);
}
