using k8s;
using k8s.Models;
using Sriov.Api.Common;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Sync;
using Sriov.Kube.Client;
using Sriov.Sim.ApiServer;
using Sriov.Sim.RealKernel;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>Status writes: a merge patch of the status subresource, carrying its resourceVersion, retried on 409.</summary>
public sealed class StatusWriterTests
{
    private static readonly string Crds = Path.Combine(RealKernelPaths.Discover().RepositoryRoot, "deploy", "crds");

    [Fact]
    public async Task A_conflicting_write_is_retried_on_a_fresh_read_and_keeps_the_other_writers_fields()
    {
        await using var emulator = ApiServerEmulator.CreateInMemory(new ApiServerOptions { CrdPaths = [Crds] });
        using var admin = emulator.CreateInMemoryClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns" } });
        var adminStates = new ResourceClient<SriovNetworkNodeState>(admin);
        await adminStates.CreateAsync(new SriovNetworkNodeState { Metadata = new V1ObjectMeta { Name = "n1", NamespaceProperty = "ns" } });
        var key = new ObjectKey("ns", "n1");
        var interfering = new InterferingHandler(async () =>
        {
            var s = (await adminStates.GetAsync(key))!;
            s.Status = new SriovNetworkNodeStateStatus { System = new SystemConfig { RdmaMode = "shared" } };
            await adminStates.ReplaceStatusAsync(s);
        });
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://sriov-sim.invalid" }, interfering, emulator.CreateHandler());
        var writer = new StatusWriter(new ResourceClient<SriovNetworkNodeState>(client));
        List<InterfaceExt> interfaces = [new() { PciAddress = "0000:3b:00.0", Name = "ens1f0", NumVfs = 4 }];

        var result = await writer.WriteAsync(key, interfaces, SyncStatuses.Succeeded, "", CancellationToken.None);

        Assert.Equal(2, interfering.StatusPatches);
        Assert.Null(result!.Value.Previous);
        var stored = (await adminStates.GetAsync(key))!;
        Assert.Equal((SyncStatuses.Succeeded, "", 4, "shared"), (stored.Status!.SyncStatus, stored.Status.LastSyncError, stored.Status.Interfaces![0].NumVfs, stored.Status.System!.RdmaMode));

        var again = await writer.WriteAsync(key, interfaces, SyncStatuses.Succeeded, "", CancellationToken.None);
        Assert.Equal(2, interfering.StatusPatches); // nothing changed: nothing sent
        Assert.Equal(SyncStatuses.Succeeded, again!.Value.Previous);
    }

    /// <summary>Lets another writer change the object just before the first status PATCH goes out.</summary>
    private sealed class InterferingHandler(Func<Task> interfere) : DelegatingHandler
    {
        private int _patches;

        public int StatusPatches => _patches;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.EndsWith("/status", StringComparison.Ordinal)
                && Interlocked.Increment(ref _patches) == 1)
            {
                await interfere();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
