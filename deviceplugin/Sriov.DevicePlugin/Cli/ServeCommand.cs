using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Watch;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// <c>sriov-device-plugin [flags]</c>: serves the pools until SIGTERM, SIGINT, SIGQUIT or SIGHUP (upstream's set), then
/// stops every server (sockets removed, device-info files and CDI specs cleaned). Exit 1 when the config is invalid at
/// start-up, 2 for bad flags.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        PluginOptions options;
        try
        {
            options = PluginFlags.ParseServe(args);
        }
        catch (FlagException e) when (e.HelpRequested)
        {
            await Console.Error.WriteLineAsync(PluginFlags.Usage(serve: true));
            return 0;
        }
        catch (FlagException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + PluginFlags.Usage(serve: true));
            return 2;
        }

        using var loggers = CreateLoggers(options.LogLevel);
        var logger = loggers.CreateLogger("Sriov.DevicePlugin");
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        try
        {
            await using var host = await PluginHost.StartAsync(options, loggers, ct: stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return 0;
        }
        catch (ConfigException e)
        {
            ServeLog.ConfigInvalid(logger, e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Logs to stderr, one line each; glog-style verbosity: 4 and above shows debug messages.</summary>
    internal static ILoggerFactory CreateLoggers(long level) =>
        LoggerFactory.Create(b => b.AddProvider(new StderrLoggerProvider(level >= 4 ? LogLevel.Debug : LogLevel.Information)).SetMinimumLevel(LogLevel.Trace));
}
