using k8s.Models;
using Microsoft.Extensions.Logging;
using Sriov.Api.Common;
using Sriov.Kube.Client;
using Sriov.Kube.Informers;
using Sriov.Kube.Updates;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// <c>wait-for-config --pod-name P --pod-namespace NS [--kubeconfig FILE]</c>: the device plugin's init container
/// (operator.md §4.8). It marks its own pod with <c>sriovnetwork.openshift.io/device-plugin-wait-config</c> and waits,
/// through a resilient watch of that pod, until the config daemon has configured the node and removed the mark.
/// </summary>
internal static partial class WaitForConfigCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandEnvironment env, CancellationToken ct)
    {
        var a = CommandArgs.Parse(args, ["--pod-name", "--pod-namespace", "--kubeconfig"]);
        var key = new ObjectKey(a.Required("--pod-namespace"), a.Required("--pod-name"));
        var logger = env.Loggers.CreateLogger("wait-for-config");
        using var kube = env.OpenKube(a.Value("--kubeconfig"));
        var pods = new ResourceClient<V1Pod>(kube, "sriov-network-config-daemon");
        await pods.PatchAnnotationsAsync(key, new Dictionary<string, string?> { [SriovAnnotations.DevicePluginWaitConfig] = "true" }, ct: ct);
        Waiting(logger, key.ToString(), SriovAnnotations.DevicePluginWaitConfig);

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var informer = new Informer<V1Pod>(pods, new InformerOptions { Namespace = key.Namespace, Selector = ResourceSelector.Named(key.Name) }, env.Time, logger);
        using var subscription = informer.Subscribe(e =>
        {
            if (e.Type != InformerEventType.Deleted && e.Item.Metadata.Annotations?.ContainsKey(SriovAnnotations.DevicePluginWaitConfig) != true)
            {
                done.TrySetResult();
            }
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = informer.RunAsync(stop.Token);
        try
        {
            await done.Task.WaitAsync(ct);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        Configured(logger, key.ToString());
        return 0;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "pod {Pod} marked with {Annotation}; waiting for the config daemon to configure this node")]
    private static partial void Waiting(ILogger logger, string pod, string annotation);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "the node is configured; pod {Pod} may start its device plugin")]
    private static partial void Configured(ILogger logger, string pod);
}
