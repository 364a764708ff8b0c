using System.Text.Json.Nodes;
using Sriov.Sim.ApiServer.Errors;
using Sriov.Sim.ApiServer.Storage;
using Sriov.Sim.ApiServer.Watch;

namespace Sriov.Sim.Tests.ApiServer.Unit;

public class ObjectStoreTests
{
    private const string Key = "/configmaps";

    [Fact]
    public void Every_write_advances_one_revision_and_stamps_it()
    {
        var store = new ObjectStore(100);
        var a = store.Put(Key, "ns", "a", Obj("a", 1));
        var b = store.Put(Key, "ns", "b", Obj("b", 1));
        var a2 = store.Put(Key, "ns", "a", Obj("a", 2));
        var gone = store.Remove(Key, "ns", "b")!;
        Assert.Equal([1L, 2, 3, 4], new[] { a, b, a2, gone }.Select(e => e.Revision));
        Assert.Equal([StoreEventKind.Added, StoreEventKind.Added, StoreEventKind.Modified, StoreEventKind.Deleted],
            new[] { a, b, a2, gone }.Select(e => e.Kind));
        Assert.Equal("3", (string?)store.Get(Key, "ns", "a")!["metadata"]!["resourceVersion"]);
        Assert.Equal("4", (string?)gone.Current["metadata"]!["resourceVersion"]);
        Assert.Null(store.Remove(Key, "ns", "b"));
    }

    [Fact]
    public void Snapshots_rebuild_past_states_until_the_history_runs_out()
    {
        var store = new ObjectStore(3);
        store.Put(Key, "ns", "a", Obj("a", 1)); // 1
        store.Put(Key, "ns", "b", Obj("b", 1)); // 2
        store.Put(Key, "ns", "a", Obj("a", 2)); // 3
        store.Remove(Key, "ns", "b");           // 4
        store.Put(Key, "ns", "c", Obj("c", 1)); // 5

        var at2 = store.Snapshot(Key, null, 2, rv => ApiErrors.Expired($"{rv}"));
        Assert.Equal(["ns/a", "ns/b"], at2.Items.Select(kv => kv.Key));
        Assert.Equal(1, (int?)at2.Items[0].Value["v"]);
        var at3 = store.Snapshot(Key, "ns", 3, rv => ApiErrors.Expired($"{rv}"));
        Assert.Equal(2, (int?)at3.Items[0].Value["v"]);
        Assert.Equal(2, store.OldestRevision);
        Assert.Equal(410, Assert.Throws<ApiException>(() => store.Snapshot(Key, null, 1, rv => ApiErrors.Expired($"{rv}"))).Code);
        var watchError = Assert.Throws<ApiException>(() => store.Watch(Key, null, _ => true, 1));
        Assert.Equal("too old resource version: 1 (2)", watchError.Message);
    }

    [Fact]
    public void A_watch_replays_history_then_continues_live_in_revision_order()
    {
        var store = new ObjectStore(100);
        store.Put(Key, "ns", "a", Obj("a", 1));
        store.Put(Key, "ns", "a", Obj("a", 2));
        using var watcher = store.Watch(Key, "ns", _ => true, 1);
        store.Put(Key, "other", "x", Obj("x", 1));
        store.Remove(Key, "ns", "a");
        store.Bookmark(watcher);
        var items = new List<WatchItem>();
        while (watcher.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        Assert.Equal([WatchItemKind.Modified, WatchItemKind.Deleted, WatchItemKind.Bookmark], items.Select(i => i.Kind));
        Assert.Equal([2L, 4, 4], items.Select(i => i.Revision));
    }

    private static JsonObject Obj(string name, int v) => new() { ["metadata"] = new JsonObject { ["name"] = name }, ["v"] = v };
}
