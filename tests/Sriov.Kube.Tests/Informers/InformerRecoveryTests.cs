using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Client;
using Sriov.Kube.Informers;
using Sriov.Kube.Tests.Support;
using Sriov.Kube.Updates;

namespace Sriov.Kube.Tests.Informers;

/// <summary>How the informer survives the ways a watch ends: the server's timeout, a broken connection, 410 Gone, and
/// a stream that goes silent.</summary>
public class InformerRecoveryTests
{
    private static ObjectKey Key(string name) => new(KubeHarness.Ns, name);

    [Theory]
    [MemberData(nameof(KubeHarness.Modes), MemberType = typeof(KubeHarness))]
    public async Task A_stream_the_server_ends_is_resumed_from_the_last_resource_version_without_a_relist(string mode)
    {
        var time = new FakeTimeProvider();
        await using var h = await KubeHarness.StartAsync(time, bookmarkInterval: TimeSpan.FromHours(1), mode: mode);
        var admin = h.AdminResource<V1ConfigMap>();
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(),
            FastInformer.InNs with { WatchTimeout = TimeSpan.FromMinutes(1), WatchdogTimeout = TimeSpan.FromHours(1) }, time);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await admin.CreateAsync(Objects.ConfigMap("a"));
        await run.Events.WaitForAsync("Added a");

        // The server ends the stream at timeoutSeconds (at most twice WatchTimeout) with a last bookmark; changes made
        // before the client is back must arrive through the resumed watch.
        h.Transport.HoldWatches();
        time.Advance(TimeSpan.FromMinutes(2));
        var requests = await h.Transport.WaitForAsync(r => r.Count(x => x.IsWatch) == 2, "the second watch");
        await admin.CreateAsync(Objects.ConfigMap("b"));
        await admin.PatchAnnotationsAsync(Key("a"), new Dictionary<string, string?> { ["x"] = "1" });
        h.Transport.ReleaseWatches();
        await run.Events.WaitForAsync("Added a", "Added b", "Modified a");

        Assert.Equal(["Added a", "Added b", "Modified a"], run.Events.Lines);
        Assert.Single(h.Transport.Requests, r => r.IsListOf("configmaps"));
        var watches = requests.Where(r => r.IsWatch).ToList();
        Assert.Equal(long.Parse(watches[0].ResourceVersion!) + 1, long.Parse(watches[1].ResourceVersion!));
    }

    [Theory]
    [MemberData(nameof(KubeHarness.Modes), MemberType = typeof(KubeHarness))]
    public async Task A_broken_connection_is_retried_from_the_last_resource_version_without_a_relist(string mode)
    {
        await using var h = await KubeHarness.StartAsync(mode: mode);
        var admin = h.AdminResource<V1ConfigMap>();
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(), FastInformer.InNs);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var a = await admin.CreateAsync(Objects.ConfigMap("a"));
        await run.Events.WaitForAsync("Added a");

        h.Transport.HoldWatches();
        h.Transport.CutWatches(asError: true);
        var requests = await h.Transport.WaitForAsync(r => r.Count(x => x.IsWatch) == 2, "a new watch");
        await admin.CreateAsync(Objects.ConfigMap("b"));
        await admin.DeleteAsync(Key("a"));
        h.Transport.ReleaseWatches();
        await run.Events.WaitForAsync("Added a", "Added b", "Deleted a");

        Assert.Equal(["Added a", "Added b", "Deleted a"], run.Events.Lines);
        Assert.Single(h.Transport.Requests, r => r.IsListOf("configmaps"));
        Assert.Equal(a.Metadata.ResourceVersion, requests.Last(r => r.IsWatch).ResourceVersion);
    }

    [Theory]
    [MemberData(nameof(KubeHarness.Modes), MemberType = typeof(KubeHarness))]
    public async Task Gone_relists_and_delivers_exactly_the_changes_the_watch_missed(string mode)
    {
        await using var h = await KubeHarness.StartAsync(mode: mode);
        var admin = h.AdminResource<V1ConfigMap>();
        await admin.CreateAsync(Objects.ConfigMap("kept"));
        await admin.CreateAsync(Objects.ConfigMap("changed"));
        await admin.CreateAsync(Objects.ConfigMap("deleted"));
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(), FastInformer.InNs);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await admin.CreateAsync(Objects.ConfigMap("seen"));
        await run.Events.WaitForAsync("Added changed", "Added deleted", "Added kept", "Added seen");

        // The stream breaks; while the client is away the history it would resume from is compacted away.
        h.Transport.HoldWatches();
        h.Transport.CutWatches();
        await h.Transport.WaitForAsync(r => r.Count(x => x.IsWatch) == 2, "the resuming watch");
        await admin.PatchAnnotationsAsync(Key("changed"), new Dictionary<string, string?> { ["x"] = "1" });
        await admin.DeleteAsync(Key("deleted"));
        await admin.CreateAsync(Objects.ConfigMap("new"));
        h.Emulator.Compact();
        h.Transport.ReleaseWatches();

        await h.Transport.WaitForAsync(r => r.Count(x => x.IsListOf("configmaps")) == 2 && r.Count(x => x.IsWatch) == 3,
            "the re-list and a watch from it");
        await admin.CreateAsync(Objects.ConfigMap("after"));
        string[] expected =
        [
            "Added changed", "Added deleted", "Added kept", "Added seen", // the list is in name order, as the API server's
            "Deleted deleted", "Modified changed", "Added new",
            "Added after",
        ];
        await run.Events.WaitForAsync(expected);
        Assert.Equal(expected, run.Events.Lines);
        Assert.Equal(["after", "changed", "kept", "new", "seen"], run.Informer.Cache.List().Select(c => c.Metadata.Name).Order());
        Assert.Equal("1", run.Informer.Cache.Get(Key("changed"))!.Metadata.Annotations["x"]);
    }

    [Theory]
    [MemberData(nameof(KubeHarness.Modes), MemberType = typeof(KubeHarness))]
    public async Task A_watch_silent_beyond_the_watchdog_timeout_is_restarted_from_the_same_resource_version(string mode)
    {
        var time = new FakeTimeProvider();
        await using var h = await KubeHarness.StartAsync(mode: mode); // the server's own clock never ends the stream here
        var admin = h.AdminResource<V1ConfigMap>();
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(),
            FastInformer.InNs with { WatchdogTimeout = TimeSpan.FromSeconds(30) }, time);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await h.Transport.WaitForAsync(r => r.Any(x => x.IsWatch), "the first watch");

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Single(h.Transport.Requests, r => r.IsWatch);

        time.Advance(TimeSpan.FromSeconds(1));
        var requests = await h.Transport.WaitForAsync(r => r.Count(x => x.IsWatch) == 2, "the restarted watch");
        Assert.Single(requests, r => r.IsListOf("configmaps"));
        var watches = requests.Where(r => r.IsWatch).ToList();
        Assert.Equal(watches[0].ResourceVersion, watches[1].ResourceVersion);

        await admin.CreateAsync(Objects.ConfigMap("a"));
        await run.Events.WaitForAsync("Added a");
        Assert.Equal(["Added a"], run.Events.Lines);
    }

    [Fact]
    public async Task Events_keep_the_watchdog_quiet()
    {
        var time = new FakeTimeProvider();
        await using var h = await KubeHarness.StartAsync();
        var admin = h.AdminResource<V1ConfigMap>();
        await using var run = RunningInformer<V1ConfigMap>.Start(h.Resource<V1ConfigMap>(),
            FastInformer.InNs with { WatchdogTimeout = TimeSpan.FromSeconds(30) }, time);
        await run.Informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await h.Transport.WaitForAsync(r => r.Any(x => x.IsWatch), "the first watch");

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            await admin.CreateAsync(Objects.ConfigMap($"cm-{i}"));
            await run.Events.WaitForAsync([.. Enumerable.Range(0, i + 1).Select(n => $"Added cm-{n}")]);
        }

        Assert.Single(h.Transport.Requests, r => r.IsWatch);
    }
}
