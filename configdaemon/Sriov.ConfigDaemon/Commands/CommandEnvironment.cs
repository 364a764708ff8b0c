using Microsoft.Extensions.Logging;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.Host;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// What the commands take from outside: how to open the node's seams for a host root and state dir (production:
/// <see cref="NodeHost.Open"/>), the supported NIC list, upstream's <c>DEV_MODE</c>, logging and the output streams.
/// </summary>
internal sealed record CommandEnvironment(
    Func<HostRoot, string?, NodeHost> OpenHost,
    SupportedNicList SupportedNics,
    bool DevMode,
    ILoggerFactory Loggers,
    TextWriter Out,
    TextWriter Error)
{
    /// <summary>The process's environment: real netlink, built-in NIC list, <c>DEV_MODE=TRUE</c> honoured.</summary>
    public static CommandEnvironment Process(ILoggerFactory loggers) => new(
        NodeHost.Open,
        SupportedNicList.BuiltIn,
        string.Equals(Environment.GetEnvironmentVariable("DEV_MODE"), "TRUE", StringComparison.OrdinalIgnoreCase),
        loggers,
        Console.Out,
        Console.Error);

    /// <summary>The host root from <c>--host-root</c> (default <c>/</c>).</summary>
    public static HostRoot Root(CommandArgs args) => new(args.Value("--host-root") ?? "/");
}
