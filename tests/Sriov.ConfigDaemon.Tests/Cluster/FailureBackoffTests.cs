using Microsoft.Extensions.Time.Testing;
using Sriov.Api.Common;
using Sriov.ConfigDaemon.Cluster;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Netlink;
using static Sriov.ConfigDaemon.Tests.Planning.Snap;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>
/// A node whose apply keeps failing, on a fake clock: it is retried when its backoff ends and not before (its own status
/// writes must not requeue it), and it stays healthy while it waits.
/// </summary>
public sealed class FailureBackoffTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_failing_write_is_retried_only_when_its_backoff_ends_and_the_daemon_stays_live_meanwhile()
    {
        using var node = Nodes.Running("intel-e810");
        // The kernel answers every write of sriov_numvfs with ENOMEM (the errno comes from the seam, not the daemon).
        var sim = new SimHost(node, (path, _) => path.EndsWith("/sriov_numvfs", StringComparison.Ordinal) ? Errno.ENOMEM : 0);
        await using var h = await ClusterHarness.StartAsync(sim, Spec(Iface(numVfs: 4)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        h.StartDaemon(time: clock);
        var resync = ClusterHarness.ResyncPeriod;

        await h.WaitForStatusAsync(SyncStatuses.Failed);
        await SettleAsync();
        // InProgress, then Failed, each with its Event; and no requeue by those writes.
        Assert.Equal((1, 2, 2), (Attempts(sim), h.StatusPatches, h.EventWrites));

        // Backoffs of 1, 2, 4 and 8 resync periods: by the fourth, the wait is longer than three resync periods.
        for (var failures = 1; failures <= 4; failures++)
        {
            var backoff = resync * (1 << (failures - 1));
            clock.Advance(backoff - Tick);
            await SettleAsync();
            Assert.True(Attempts(sim) == failures && h.StatusPatches == 2 * failures && h.EventWrites == 2 * failures,
                $"after {failures} failures, retried before the backoff of {backoff} ended: {Attempts(sim)} attempts, {h.StatusPatches} status patches, {h.EventWrites} Event writes");
            Assert.True(h.Service!.Health.Healthy, $"after {failures} failures, /healthz fails while the daemon waits out its backoff of {backoff}");

            clock.Advance(Tick);
            await Eventually.TrueAsync(() => Attempts(sim) == failures + 1 && h.StatusPatches == 2 * (failures + 1) && h.EventWrites == 2 * (failures + 1),
                () => $"retry {failures + 1} at the end of the backoff of {backoff}: {Attempts(sim)} attempts, {h.StatusPatches} status patches, {h.EventWrites} Event writes");
            await SettleAsync();
        }

        Assert.Equal(SyncStatuses.Failed, (await h.StateAsync()).Status!.SyncStatus);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_spec_change_still_wakes_a_node_that_waits_out_its_backoff()
    {
        using var node = Nodes.Running("intel-e810");
        var sim = new SimHost(node, (path, content) => path.EndsWith("/sriov_numvfs", StringComparison.Ordinal) && content == "4" ? Errno.ENOMEM : 0);
        await using var h = await ClusterHarness.StartAsync(sim, Spec(Iface(numVfs: 4)));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        h.StartDaemon(time: clock);
        await h.WaitForStatusAsync(SyncStatuses.Failed);

        // A new generation is reconciled at once, with no time passing on the daemon's clock.
        await h.SetSpecAsync(Spec(Iface(numVfs: 2)));

        var ok = await h.WaitForStatusAsync(SyncStatuses.Succeeded);
        Assert.Equal(2, ok.Status!.Interfaces![0].NumVfs);
    }

    private static int Attempts(SimHost sim) => sim.Writer.Writes.Count(w => w.Path.EndsWith("/sriov_numvfs", StringComparison.Ordinal) && w.Content == "4");

    // A node requeued by its own writes is retried within milliseconds; half a second of wall time shows it.
    private static Task SettleAsync() => Task.Delay(500);
}
