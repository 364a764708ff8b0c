using k8s;
using k8s.Models;
using Sriov.Sim.ApiServer;

namespace Sriov.Sim.Tests.ApiServer.Client;

public class WatchTests
{
    public static TheoryData<string> Modes => new() { "http", "memory" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Watch_from_a_list_sees_every_change_in_order_and_resumes_exactly(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var cm = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        cm.Data = new Dictionary<string, string> { ["x"] = "1" };
        var modified = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default");
        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");

        var events = await CollectAsync(h.Client, list.Metadata.ResourceVersion, 3);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        var rvs = events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        Assert.Equal(rvs.Order(), rvs);
        Assert.Equal(h.Emulator.ResourceVersion, rvs[^1]);

        var resumed = await CollectAsync(h.Client, modified.Metadata.ResourceVersion, 1);
        Assert.Equal(WatchEventType.Deleted, Assert.Single(resumed).Type);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Watch_without_resource_version_starts_with_the_current_objects(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b"), "default");
        var events = await CollectAsync(h.Client, null, 2);
        Assert.Equal(["a", "b"], events.Select(e => e.Object.Metadata.Name));
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_compacted_resource_version_is_a_410_error_event_then_relist_and_watch_work(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        h.Emulator.Compact();

        var errors = new List<Exception>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = 0;
        await foreach (var _ in h.Client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                           resourceVersion: list.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: cts.Token))
        {
            seen++;
        }

        Assert.Equal(0, seen);
        var expired = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, expired.Status.Code);
        Assert.Equal("Expired", expired.Status.Reason);

        var relisted = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Single(relisted.Items);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b"), "default");
        var after = await CollectAsync(h.Client, relisted.Metadata.ResourceVersion, 1);
        Assert.Equal("b", Assert.Single(after).Object.Metadata.Name);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Bookmarks_arrive_when_asked_for_and_carry_the_current_revision(string mode)
    {
        await using var h = await Harness.StartAsync(mode, new ApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        // A change elsewhere advances the revision; the bookmark must carry it although this watch saw no event for it.
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "default");
        var expected = h.Emulator.ResourceVersion;

        var events = new List<(WatchEventType Type, V1ConfigMap Object)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in h.Client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                           resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true,
                           onError: ex => throw ex, cancellationToken: cts.Token))
        {
            events.Add(e);
            if (e.Item1 == WatchEventType.Bookmark)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal(expected.ToString(), events[1].Object.Metadata.ResourceVersion);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Timeout_seconds_ends_the_stream_normally(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        var started = DateTime.UtcNow;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var errors = new List<Exception>();
        var seen = 0;
        await foreach (var _ in h.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", timeoutSeconds: 1,
                           onError: errors.Add, cancellationToken: cts.Token))
        {
            seen++;
        }

        Assert.Equal(1, seen);
        Assert.Empty(errors);
        Assert.False(cts.IsCancellationRequested);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_empty_watch_that_times_out_hits_the_clients_known_end_of_stream_error(string mode)
    {
        // KubernetesClient peeks the first line of a watch response; a stream that ends without any line makes it throw
        // "Error while copying content to a stream" (kubernetes-client/csharp#893). The API server ends an idle watch
        // the same way, so informers must treat this as a normal end and reconnect; the emulator lets them prove it.
        await using var h = await Harness.StartAsync(mode);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var e = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in h.Client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                               resourceVersion: h.Emulator.ResourceVersion.ToString(), timeoutSeconds: 1,
                               cancellationToken: cts.Token))
            {
            }
        });
        Assert.IsType<EndOfStreamException>(e.InnerException);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Objects_entering_and_leaving_a_selector_arrive_as_added_and_deleted(string mode)
    {
        await using var h = await Harness.StartAsync(mode);
        var list = await h.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var cm = await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        cm.Metadata.Labels = new Dictionary<string, string> { ["pick"] = "me" };
        cm = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default");
        cm.Data = new Dictionary<string, string> { ["x"] = "y" };
        cm = await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default");
        cm.Metadata.Labels.Clear();
        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default");

        var events = await CollectAsync(h.Client, list.Metadata.ResourceVersion, 3, labelSelector: "pick=me");
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Send_initial_events_ends_the_initial_state_with_an_annotated_bookmark()
    {
        await using var h = await Harness.StartAsync("memory");
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), "default");
        var events = new List<(WatchEventType Type, V1ConfigMap Object)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in h.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true,
                           sendInitialEvents: true, resourceVersionMatch: "NotOlderThan", onError: ex => throw ex,
                           cancellationToken: cts.Token))
        {
            events.Add(e);
            if (e.Item1 == WatchEventType.Bookmark)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal("true", events[1].Object.Metadata.Annotations["k8s.io/initial-events-end"]);
    }

    private static V1ConfigMap Cm(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static async Task<List<(WatchEventType Type, V1ConfigMap Object)>> CollectAsync(Kubernetes client,
        string? resourceVersion, int count, string? labelSelector = null)
    {
        var events = new List<(WatchEventType, V1ConfigMap)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: resourceVersion,
                           labelSelector: labelSelector, onError: ex => throw ex, cancellationToken: cts.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
