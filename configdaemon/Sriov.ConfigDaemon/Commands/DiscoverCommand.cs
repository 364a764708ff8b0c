using Sriov.ConfigDaemon.Discovery;

namespace Sriov.ConfigDaemon.Commands;

/// <summary><c>discover [--host-root DIR]</c>: prints the node's status interfaces as JSON; changes nothing.</summary>
internal static class DiscoverCommand
{
    public static int Run(IReadOnlyList<string> args, CommandEnvironment env)
    {
        var a = CommandArgs.Parse(args, ["--host-root"]);
        using var host = env.OpenHost(CommandEnvironment.Root(a), null);
        var snapshot = NodeDiscovery.Discover(host, env.SupportedNics, env.DevMode);
        env.Out.WriteLine(OutputJson.Status(StatusBuilder.Interfaces(snapshot)));
        return 0;
    }
}
