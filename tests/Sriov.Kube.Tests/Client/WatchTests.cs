using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Client;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Client;

public class WatchTests
{
    [Fact]
    public async Task An_expired_resource_version_is_thrown_as_gone_not_swallowed()
    {
        await using var h = await KubeHarness.StartAsync();
        var cms = h.Resource<V1ConfigMap>();
        var list = await cms.ListAsync(KubeHarness.Ns);
        await cms.CreateAsync(Objects.ConfigMap("a"));
        h.Emulator.Compact();

        var seen = 0;
        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in cms.WatchAsync(KubeHarness.Ns, null, list.Metadata.ResourceVersion))
            {
                seen++;
            }
        });
        Assert.Equal(0, seen);
        Assert.True(e.IsGone);
        Assert.Equal("Expired", e.Reason);
        Assert.Contains($"watch configmaps.v1 in namespace {KubeHarness.Ns}", e.Message);
    }

    [Fact]
    public async Task Events_and_bookmarks_arrive_in_order_with_their_resource_versions()
    {
        var time = new FakeTimeProvider();
        await using var h = await KubeHarness.StartAsync(time, bookmarkInterval: TimeSpan.FromSeconds(30));
        var cms = h.Resource<V1ConfigMap>();
        var list = await cms.ListAsync(KubeHarness.Ns);
        var a = await cms.CreateAsync(Objects.ConfigMap("a"));
        await cms.DeleteAsync(ObjectKey.Of(a));

        var events = new List<WatchEvent<V1ConfigMap>>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in cms.WatchAsync(KubeHarness.Ns, null, list.Metadata.ResourceVersion))
            {
                events.Add(e);
                if (e.Type == WatchEventType.Bookmark)
                {
                    break;
                }
            }
        });
        await Eventually.TrueAsync(() => watch.IsCompleted, "a bookmark", () => time.Advance(TimeSpan.FromSeconds(10)));
        await watch;

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted, WatchEventType.Bookmark], events.Select(e => e.Type));
        Assert.Equal(h.Emulator.ResourceVersion.ToString(), events[^1].Item.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_stream_the_server_ends_without_a_single_line_ends_normally()
    {
        // KubernetesClient throws "Error while copying content to a stream" for this (csharp#893); the API server ends an
        // idle watch exactly so when it reaches timeoutSeconds and no bookmarks were asked for.
        var time = new FakeTimeProvider();
        await using var h = await KubeHarness.StartAsync(time);
        var cms = h.Resource<V1ConfigMap>();
        var seen = 0;
        var watch = Task.Run(async () =>
        {
            await foreach (var _ in cms.WatchAsync(KubeHarness.Ns, null, h.Emulator.ResourceVersion.ToString(),
                               TimeSpan.FromSeconds(5), allowBookmarks: false))
            {
                seen++;
            }
        });
        await Eventually.TrueAsync(() => watch.IsCompleted, "the stream to end", () => time.Advance(TimeSpan.FromSeconds(1)));
        await watch;
        Assert.Equal(0, seen);
        Assert.Equal("5", Assert.Single(h.Transport.Requests, r => r.IsWatch).Query["timeoutSeconds"]);
    }
}
