// sriov-network-config-daemon: the SR-IOV config daemon (upstream's binary name and commands).
using Microsoft.Extensions.Logging;
using Sriov.ConfigDaemon.Commands;

using var loggers = LoggerFactory.Create(b => b
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.fff ";
    })
    .AddFilter(null, LogLevel.Information));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await DaemonMain.RunAsync(args, CommandEnvironment.Process(loggers), cancel.Token);
