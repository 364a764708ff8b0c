using Microsoft.Extensions.Logging;

namespace Sriov.DevicePlugin.Cli;

/// <summary>Log messages of the serve command itself.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "cannot start: {Error}")]
    public static partial void ConfigInvalid(ILogger logger, string error);
}
