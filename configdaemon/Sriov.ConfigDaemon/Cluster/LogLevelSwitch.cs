using Microsoft.Extensions.Logging;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// The daemon's log level, changed live from <c>SriovOperatorConfig.spec.logLevel</c> (0..2, upstream's klog verbosity:
/// 0 is Information, 1 Debug, 2 and above Trace).
/// </summary>
internal sealed class LogLevelSwitch
{
    private volatile int _level = (int)LogLevel.Information;

    public LogLevel Level => (LogLevel)_level;

    public bool IsEnabled(LogLevel level) => level >= Level;

    /// <summary>Makes every logger of <paramref name="builder"/> follow this switch (checked on each call, so a change
    /// applies at once, without rebuilding the loggers).</summary>
    public void Apply(ILoggingBuilder builder) => builder.AddFilter((_, _, level) => IsEnabled(level));

    /// <summary>Sets the level from the operator config's <c>logLevel</c> (null: the default).</summary>
    public void Set(int? operatorLogLevel) => _level = (int)(operatorLogLevel switch
    {
        null or <= 0 => LogLevel.Information,
        1 => LogLevel.Debug,
        _ => LogLevel.Trace,
    });
}
