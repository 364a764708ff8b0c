// sriov-network-config-daemon: the SR-IOV config daemon (upstream's binary name and commands).
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Sriov.ConfigDaemon.Cluster;
using Sriov.ConfigDaemon.Commands;

var level = new LogLevelSwitch();
using var loggers = LoggerFactory.Create(b =>
{
    // The daemon logs structured JSON lines (one object per event, with the message template's fields); the offline
    // commands log single lines for people. Logs go to stderr: stdout carries the commands' JSON.
    if (args.Length > 0 && args[0] == "start")
    {
        b.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
    }
    else
    {
        b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
    }

    b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    level.Apply(b);
});
using var cancel = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    cancel.Cancel();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    cancel.Cancel();
});

return await DaemonMain.RunAsync(args, CommandEnvironment.Process(loggers) with { LogLevel = level }, cancel.Token);
