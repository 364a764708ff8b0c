using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Api.Common;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Commands;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Kube.Client;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary><c>wait-for-config</c>, the device plugin's init container (operator.md §4.8), with the daemon on the same node.</summary>
public sealed class WaitForConfigTests
{
    [Fact]
    public async Task Waits_with_its_pod_marked_until_the_daemon_has_configured_the_node()
    {
        using var node = Nodes.Running("intel-e810");
        await using var h = await ClusterHarness.StartAsync(new SimHost(node), Spec(Iface(numVfs: 2)));
        var pods = new ResourceClient<V1Pod>(h.Admin);
        var key = new ObjectKey(ClusterHarness.Ns, "sriov-device-plugin-abc");
        await pods.CreateAsync(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = key.Name, NamespaceProperty = key.Namespace },
            Spec = new V1PodSpec { NodeName = ClusterHarness.NodeName, Containers = [new V1Container { Name = "dp", Image = "x" }] },
        });
        var stdout = new StringWriter();
        var env = new CommandEnvironment((_, _) => throw new InvalidOperationException("wait-for-config does not touch the host"),
            SupportedNicList.BuiltIn, false, NullLoggerFactory.Instance, stdout, stdout)
        {
            OpenKube = _ => h.Emulator.CreateInMemoryClient(),
        };

        var waiting = DaemonMain.RunAsync(["wait-for-config", "--pod-name", key.Name, "--pod-namespace", key.Namespace!], env, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ClusterHarness.Annotation((await pods.GetAsync(key))!, SriovAnnotations.DevicePluginWaitConfig) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pod was not marked");
            await Task.Delay(20);
        }

        await Task.Delay(300);
        Assert.False(waiting.IsCompleted); // nobody configured the node yet

        h.StartDaemon();
        await h.WaitForStatusAsync(SyncStatuses.Succeeded);

        Assert.Equal(0, await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Null(ClusterHarness.Annotation((await pods.GetAsync(key))!, SriovAnnotations.DevicePluginWaitConfig));
    }
}
