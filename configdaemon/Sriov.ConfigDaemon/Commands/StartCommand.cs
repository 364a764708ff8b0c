using Sriov.ConfigDaemon.Cluster;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// <c>start [--node-name N] [--namespace NS] [--host-root DIR] [--state-dir DIR] [--health-addr HOST:PORT]
/// [--kubeconfig FILE] [--resync-seconds S]</c>: runs the daemon until SIGTERM. The node name and namespace come from
/// <c>NODE_NAME</c> and <c>NAMESPACE</c> as upstream's DaemonSet sets them; the flags override them.
/// </summary>
internal static class StartCommand
{
    public const string DefaultHealthAddress = "0.0.0.0:8089";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandEnvironment env, CancellationToken ct)
    {
        var a = CommandArgs.Parse(args, ["--node-name", "--namespace", "--host-root", "--state-dir", "--health-addr", "--kubeconfig", "--resync-seconds"]);
        var settings = new DaemonSettings
        {
            NodeName = Pick(a, env, "--node-name", "NODE_NAME", "the node name is unknown: set NODE_NAME (the DaemonSet sets it from spec.nodeName) or --node-name"),
            Namespace = Pick(a, env, "--namespace", "NAMESPACE", "the operator namespace is unknown: set NAMESPACE or --namespace"),
            ResyncPeriod = a.Seconds("--resync-seconds") ?? TimeSpan.FromSeconds(30),
            DevMode = env.DevMode,
            HealthAddress = a.Value("--health-addr") is "none" ? null : a.Value("--health-addr") ?? DefaultHealthAddress,
        };
        using var kube = env.OpenKube(a.Value("--kubeconfig"));
        using var host = env.OpenHost(CommandEnvironment.Root(a), a.Value("--state-dir"));
        var service = new ConfigDaemonService(settings, host, kube, env.Loggers, env.LogLevel, env.Time);
        try
        {
            await service.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // SIGTERM: a clean stop.
        }

        return 0;
    }

    private static string Pick(CommandArgs a, CommandEnvironment env, string flag, string variable, string missing) =>
        a.Value(flag) ?? (env.Variable(variable) is { Length: > 0 } value ? value : throw new UsageException(missing));
}
