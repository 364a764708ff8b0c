using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Sriov.Api.NodeStates;
using Sriov.Kube.Client;
using Sriov.Kube.Events;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Events;

public class EventRecorderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static async Task<IList<Corev1Event>> EventsAboutAsync(KubeHarness h, string ns, string name) =>
        (await h.AdminResource<Corev1Event>().ListAsync(ns, new ResourceSelector(Field: $"involvedObject.name={name}"))).Items;

    [Fact]
    public async Task A_repeated_event_bumps_count_and_last_timestamp_of_the_one_event()
    {
        await using var h = await KubeHarness.StartAsync();
        var state = await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        using var recorder = new EventRecorder(h.Resource<Corev1Event>(), "sriov-network-config-daemon", "node-1", _time);

        await recorder.WarningAsync(state, "SyncFailed", "PF 0000:3b:00.0: sriov_numvfs: EBUSY");
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.WarningAsync(state, "SyncFailed", "PF 0000:3b:00.0: sriov_numvfs: EBUSY");
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.WarningAsync(state, "SyncFailed", "PF 0000:3b:00.0: sriov_numvfs: EBUSY");

        var e = Assert.Single(await EventsAboutAsync(h, KubeHarness.Ns, "node-1"));
        Assert.Equal(3, e.Count);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), e.FirstTimestamp);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 2, 0, DateTimeKind.Utc), e.LastTimestamp);
        Assert.Equal((EventRecorder.Warning, "SyncFailed"), (e.Type, e.Reason));
        Assert.Equal(("SriovNetworkNodeState", "sriovnetwork.openshift.io/v1", state.Metadata.Uid),
            (e.InvolvedObject.Kind, e.InvolvedObject.ApiVersion, e.InvolvedObject.Uid));
        Assert.Equal(("sriov-network-config-daemon", "node-1"), (e.Source.Component, e.Source.Host));
        Assert.StartsWith("node-1.", e.Metadata.Name);
    }

    [Fact]
    public async Task A_different_message_or_reason_is_another_event()
    {
        await using var h = await KubeHarness.StartAsync();
        var state = await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        using var recorder = new EventRecorder(h.Resource<Corev1Event>(), "sriov-network-config-daemon", "node-1", _time);

        await recorder.NormalAsync(state, "SyncStarted", "applying generation 2");
        await recorder.NormalAsync(state, "SyncStarted", "applying generation 3");
        await recorder.NormalAsync(state, "SyncSucceeded", "applying generation 3");

        var events = await EventsAboutAsync(h, KubeHarness.Ns, "node-1");
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(1, e.Count));
        Assert.Equal(3, events.Select(e => e.Metadata.Name).Distinct().Count());
    }

    [Fact]
    public async Task Events_of_a_cluster_scoped_object_go_to_the_default_namespace()
    {
        await using var h = await KubeHarness.StartAsync();
        var node = await h.AdminResource<V1Node>().CreateAsync(Objects.Node("worker-0"));
        node.Kind = null; // as an object built in code: the kind comes from its type
        using var recorder = new EventRecorder(h.Resource<Corev1Event>(), "sriov-network-config-daemon", "worker-0", _time);
        await recorder.NormalAsync(node, "DrainRequested", "Drain_Required");

        var e = Assert.Single(await EventsAboutAsync(h, "default", "worker-0"));
        Assert.Equal(("Node", "v1", null), (e.InvolvedObject.Kind, e.InvolvedObject.ApiVersion, e.InvolvedObject.NamespaceProperty));
    }

    [Fact]
    public async Task An_expired_event_is_created_anew()
    {
        await using var h = await KubeHarness.StartAsync();
        var state = await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        using var recorder = new EventRecorder(h.Resource<Corev1Event>(), "daemon", "node-1", _time);
        await recorder.NormalAsync(state, "SyncSucceeded", "done");
        var first = Assert.Single(await EventsAboutAsync(h, KubeHarness.Ns, "node-1"));
        await h.AdminResource<Corev1Event>().DeleteAsync(ObjectKey.Of(first));

        await recorder.NormalAsync(state, "SyncSucceeded", "done");
        var second = Assert.Single(await EventsAboutAsync(h, KubeHarness.Ns, "node-1"));
        Assert.Equal(1, second.Count);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
    }

    [Fact]
    public async Task A_forgotten_event_is_not_bumped_and_a_failure_to_record_is_not_thrown()
    {
        await using var h = await KubeHarness.StartAsync();
        var state = await h.AdminResource<SriovNetworkNodeState>().CreateAsync(Objects.NodeState("node-1"));
        using var recorder = new EventRecorder(h.Resource<Corev1Event>(), "daemon", "node-1", _time, cacheSize: 1);
        await recorder.NormalAsync(state, "A", "a");
        _time.Advance(TimeSpan.FromSeconds(1));
        await recorder.NormalAsync(state, "B", "b"); // evicts A
        await recorder.NormalAsync(state, "A", "a");
        var events = await EventsAboutAsync(h, KubeHarness.Ns, "node-1");
        Assert.Equal([("A", 1), ("A", 1), ("B", 1)], events.Select(e => (e.Reason, e.Count ?? 0)).Order());

        h.Transport.Partitioned = true;
        await recorder.WarningAsync(state, "SyncFailed", "API down");
        Assert.Equal(3, (await EventsAboutAsync(h, KubeHarness.Ns, "node-1")).Count);
    }
}
