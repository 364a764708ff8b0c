namespace Sriov.DevicePlugin.Cli;

/// <summary>The settings of one run, from the command line (<see cref="PluginFlags"/>); defaults are upstream's paths.</summary>
internal sealed record PluginOptions
{
    public const string DefaultConfigFile = "/etc/pcidp/config.json";
    public const string DefaultResourcePrefix = "intel.com";

    public string ConfigFile { get; init; } = DefaultConfigFile;

    public string ResourcePrefix { get; init; } = DefaultResourcePrefix;

    public bool UseCdi { get; init; }

    /// <summary>glog-style verbosity; the operator passes 10.</summary>
    public long LogLevel { get; init; }

    /// <summary>The host root: sysfs and the node-agent state directories (reconfiguring markers) are under it.</summary>
    public string HostRoot { get; init; } = "/";

    public string DevicePluginDir { get; init; } = "/var/lib/kubelet/device-plugins";

    public string PluginsRegistryDir { get; init; } = "/var/lib/kubelet/plugins_registry";

    public string CdiDir { get; init; } = "/var/run/cdi";

    public string DevInfoDir { get; init; } = "/var/run/k8s.cni.cncf.io/devinfo/dp";

    /// <summary>Whether a PF netdev that is down or has no carrier makes its VFs Unhealthy.</summary>
    public bool HealthLink { get; init; } = true;
}
