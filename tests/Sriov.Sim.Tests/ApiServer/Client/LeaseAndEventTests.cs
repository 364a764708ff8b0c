using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace Sriov.Sim.Tests.ApiServer.Client;

/// <summary>The clients the operator and daemon build on (leader election over Leases, Events) work unchanged.</summary>
public class LeaseAndEventTests
{
    [Fact]
    public async Task KubernetesClient_leader_election_takes_and_hands_over_a_lease()
    {
        await using var h = await Harness.StartAsync("memory");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var firstLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var firstStop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var first = Elector(h.Client, "op-1", firstLeads);
        var second = Elector(h.Client, "op-2", secondLeads);

        var firstRun = first.RunUntilLeadershipLostAsync(firstStop.Token);
        await firstLeads.Task.WaitAsync(cts.Token);
        var secondRun = second.RunUntilLeadershipLostAsync(cts.Token);
        var lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync("sriov-operator", "default");
        Assert.Equal("op-1", lease.Spec.HolderIdentity);

        await firstStop.CancelAsync();
        await firstRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        await secondLeads.Task.WaitAsync(cts.Token);
        lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync("sriov-operator", "default");
        Assert.Equal("op-2", lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.LeaseTransitions >= 1);
        await cts.CancelAsync();
        await secondRun.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    [Fact]
    public async Task Events_can_be_recorded_and_selected_by_involved_object()
    {
        await using var h = await Harness.StartAsync("memory");
        foreach (var (name, obj) in new[] { ("e1", "node-a"), ("e2", "node-b") })
        {
            await h.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "Node", Name = obj },
                Reason = "Drain",
                Type = "Normal",
                Message = "draining",
            }, "default");
        }

        var forA = await h.Client.CoreV1.ListNamespacedEventAsync("default",
            fieldSelector: "involvedObject.name=node-a,reason=Drain");
        Assert.Equal("e1", Assert.Single(forA.Items).Metadata.Name);
    }

    private static LeaderElector Elector(Kubernetes client, string identity, TaskCompletionSource leads)
    {
        var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, "default", "sriov-operator", identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        elector.OnStartedLeading += () => leads.TrySetResult();
        return elector;
    }
}
