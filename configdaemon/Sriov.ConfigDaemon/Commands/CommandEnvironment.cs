using k8s;
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
    /// <summary>How to reach the API server for a <c>--kubeconfig</c> (null: in-cluster, else <c>KUBECONFIG</c>/<c>~/.kube/config</c>).</summary>
    public Func<string?, IKubernetes> OpenKube { get; init; } = DefaultKube;

    /// <summary>The environment variables (<c>NODE_NAME</c>, <c>NAMESPACE</c>).</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The daemon's live log level (set from SriovOperatorConfig), which the logger factory's filter reads.</summary>
    public Cluster.LogLevelSwitch LogLevel { get; init; } = new();

    /// <summary>The process's environment: real netlink, built-in NIC list, <c>DEV_MODE=TRUE</c> honoured.</summary>
    public static CommandEnvironment Process(ILoggerFactory loggers) => new(
        NodeHost.Open,
        SupportedNicList.BuiltIn,
        string.Equals(Environment.GetEnvironmentVariable("DEV_MODE"), "TRUE", StringComparison.OrdinalIgnoreCase),
        loggers,
        Console.Out,
        Console.Error);

    private static IKubernetes DefaultKube(string? kubeconfig)
    {
        var config = kubeconfig is not null ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
            : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile();
        return new Kubernetes(config);
    }

    /// <summary>The host root from <c>--host-root</c> (default <c>/</c>).</summary>
    public static HostRoot Root(CommandArgs args) => new(args.Value("--host-root") ?? "/");
}
