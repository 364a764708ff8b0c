using Microsoft.Extensions.Logging;

namespace Sriov.ConfigDaemon.Apply;

/// <summary>Log events of applying a plan.</summary>
internal static partial class ApplyLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "step {Step}/{Total} {Description}: changed")]
    public static partial void StepChanged(ILogger logger, int step, int total, string description);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "step {Step}/{Total} {Description}: already so, nothing written")]
    public static partial void StepUnchanged(ILogger logger, int step, int total, string description);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "VF {Vf} of PF {Pf}: {Reason}; admin MAC left as it is")]
    public static partial void AdminMacSkipped(ILogger logger, string vf, string pf, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "step {Step}/{Total} {Description} failed: {Error}")]
    public static partial void StepFailed(ILogger logger, int step, int total, string description, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "plan applied: {Steps} steps, {Changed} changed something")]
    public static partial void Applied(ILogger logger, int steps, int changed);
}
