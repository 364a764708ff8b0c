namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// The flags of <c>sriov-device-plugin</c> (serve) and of its <c>discover</c> command. Upstream's flags keep their names
/// and defaults; the glog flags upstream's image passes (<c>-v</c>, <c>-logtostderr</c>, <c>-alsologtostderr</c>,
/// <c>-log_dir</c>, <c>--log-dir</c>) are accepted so its manifests keep working: logs always go to stderr.
/// </summary>
internal static class PluginFlags
{
    public static PluginOptions ParseServe(IReadOnlyList<string> args) => Parse("sriov-device-plugin", args, serve: true);

    public static PluginOptions ParseDiscover(IReadOnlyList<string> args) => Parse("sriov-device-plugin discover", args, serve: false);

    public static string Usage(bool serve) => Build(serve ? "sriov-device-plugin" : "sriov-device-plugin discover", serve, new Holder()).Usage();

    private static PluginOptions Parse(string command, IReadOnlyList<string> args, bool serve)
    {
        var holder = new Holder();
        var set = Build(command, serve, holder);
        var rest = set.Parse(args);
        if (rest.Count > 0)
        {
            throw new FlagException($"unexpected argument \"{rest[0]}\" (flags must come before it; see -help)");
        }

        return holder.Options;
    }

    private static GoFlagSet Build(string command, bool serve, Holder h)
    {
        var set = new GoFlagSet(command);
        set.String("config-file", $"JSON device pool config file location (default \"{PluginOptions.DefaultConfigFile}\")",
            v => h.Options = h.Options with { ConfigFile = v });
        set.String("resource-prefix", $"resource name prefix used for K8s extended resource (default \"{PluginOptions.DefaultResourcePrefix}\")",
            v => h.Options = h.Options with { ResourcePrefix = v });
        set.String("host-root", "directory holding the host's sys/ and var/run/sriov (default \"/\")",
            v => h.Options = h.Options with { HostRoot = v });
        set.Int("log-level", "log verbosity, glog style: 0 informational, 4 and above debug", v => h.Options = h.Options with { LogLevel = v });
        if (!serve)
        {
            return set;
        }

        set.Bool("use-cdi", "use Container Device Interface to expose devices in containers",
            v => h.Options = h.Options with { UseCdi = v });
        set.String("device-plugin-dir", "the kubelet's device-plugins directory (default \"/var/lib/kubelet/device-plugins\")",
            v => h.Options = h.Options with { DevicePluginDir = v });
        set.String("plugins-registry-dir", "the kubelet's plugin-watcher directory; when it exists, sockets go there (default \"/var/lib/kubelet/plugins_registry\")",
            v => h.Options = h.Options with { PluginsRegistryDir = v });
        set.String("cdi-dir", "where CDI spec files are written with -use-cdi (default \"/var/run/cdi\")",
            v => h.Options = h.Options with { CdiDir = v });
        set.String("devinfo-dir", "where device-info files are written (default \"/var/run/k8s.cni.cncf.io/devinfo/dp\")",
            v => h.Options = h.Options with { DevInfoDir = v });
        set.Bool("health-link", "report a PF's VFs Unhealthy while the PF netdev is down or has no carrier (default true)",
            v => h.Options = h.Options with { HealthLink = v });

        // Accepted for upstream manifests (glog flags and the image entrypoint's --log-dir); logs go to stderr.
        set.String("v", "glog verbosity (accepted; use -log-level)", _ => { });
        set.Bool("logtostderr", "accepted for compatibility; logs always go to stderr", _ => { });
        set.Bool("alsologtostderr", "accepted for compatibility; logs always go to stderr", _ => { });
        set.String("log_dir", "accepted for compatibility; logs always go to stderr", _ => { });
        set.String("log-dir", "accepted for compatibility; logs always go to stderr", _ => { });
        return set;
    }

    private sealed class Holder
    {
        public PluginOptions Options { get; set; } = new();
    }
}
