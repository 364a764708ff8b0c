using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// One line per message on stderr (<c>2026-01-02T03:04:05.678Z INFO  message</c>), written synchronously: the plugin
/// logs rarely, and a small provider keeps the NativeAOT binary's resident size down (the console logger brings
/// options binding, formatters and a queue thread). The plugin's own messages from <paramref name="minimum"/> up;
/// ASP.NET Core's and gRPC's from Warning up.
/// </summary>
internal sealed class StderrLoggerProvider(LogLevel minimum, TextWriter? output = null) : ILoggerProvider
{
    private readonly TextWriter _output = output ?? Console.Error;
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName)
    {
        var framework = categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) || categoryName.StartsWith("Grpc.", StringComparison.Ordinal);
        return new Logger(this, framework ? LogLevel.Warning : minimum);
    }

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(level)} {message}");
        if (exception is not null)
        {
            line += Environment.NewLine + exception;
        }

        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO ",
        LogLevel.Warning => "WARN ",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private sealed class Logger(StderrLoggerProvider provider, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
