using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;
using Sriov.Host;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// <c>sriov-device-plugin discover --config-file F [--host-root R] [--resource-prefix P]</c>: one discovery with the
/// serving code's rules (health from sysfs: markers, unbound, PF carrier), printed as JSON (<see cref="DiscoverJson"/>);
/// exit 0, or 1 with the validation error. Warnings and exclusions go to stderr.
/// </summary>
internal static class DiscoverCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        PluginOptions options;
        try
        {
            options = PluginFlags.ParseDiscover(args);
        }
        catch (FlagException e) when (e.HelpRequested)
        {
            stderr.WriteLine(PluginFlags.Usage(serve: false));
            return 0;
        }
        catch (FlagException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine(PluginFlags.Usage(serve: false));
            return 2;
        }

        try
        {
            var (config, _) = ConfigLoader.Load(options.ConfigFile, options.ResourcePrefix);
            foreach (var warning in config.Warnings)
            {
                stderr.WriteLine("warning: " + warning);
            }

            var scanner = new HostScanner(new HostRoot(options.HostRoot), new NetlinkDefaultRoutes(), new DdptoolProfiles());
            var round = new PoolDiscovery(scanner).Run(config, _ => [], s => SysfsLinks.Read(s.Inventory), linkRule: true);
            foreach (var excluded in round.Selection.Excluded)
            {
                stderr.WriteLine("excluded: " + excluded);
            }

            stdout.WriteLine(DiscoverJson.Write(round.Pools));
            return 0;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine(e.Message);
            return 1;
        }
        catch (Sriov.Host.Sysfs.SysfsRequestException e)
        {
            stderr.WriteLine($"discovery failed: {e.Message}");
            return 1;
        }
    }
}
