using Sriov.ConfigDaemon.Apply;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>Dispatches a command line to its command; usage errors exit 2, failures 1 with a message on stderr.</summary>
internal static class DaemonMain
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandEnvironment env, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? env.Error : env.Out).WriteLine(Usage.Text);
            return args.Count == 0 ? 2 : 0;
        }

        var rest = args.Skip(1).ToList();
        try
        {
            return args[0] switch
            {
                "discover" => DiscoverCommand.Run(rest, env),
                "plan" => PlanCommand.Run(rest, env),
                "apply" => await ApplyCommand.RunAsync(rest, env, cancellationToken),
                "start" => await StartCommand.RunAsync(rest, env, cancellationToken),
                "wait-for-config" => await WaitForConfigCommand.RunAsync(rest, env, cancellationToken),
                _ => throw new UsageException($"unknown command \"{args[0]}\""),
            };
        }
        catch (UsageException e)
        {
            env.Error.WriteLine($"sriov-network-config-daemon: {e.Message}\n{Usage.Text}");
            return 2;
        }
        catch (Exception e) when (e is SysfsRequestException or NetlinkException or IOException or UnauthorizedAccessException
            or VfConflictException or Sriov.Kube.Client.KubeApiException or k8s.Exceptions.KubeConfigException)
        {
            env.Error.WriteLine($"sriov-network-config-daemon {args[0]}: {e.Message}");
            return 1;
        }
    }
}
