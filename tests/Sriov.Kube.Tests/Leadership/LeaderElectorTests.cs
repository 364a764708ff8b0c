using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Sriov.Kube.Client;
using Sriov.Kube.Leadership;
using Sriov.Kube.Tests.Support;

namespace Sriov.Kube.Tests.Leadership;

public class LeaderElectorTests
{
    private static readonly ObjectKey Lease = new(KubeHarness.Ns, "sriov-network-operator-lock");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static async Task<V1LeaseSpec> LeaseAsync(KubeHarness h) => (await h.AdminResource<V1Lease>().GetAsync(Lease))!.Spec;

    [Fact]
    public async Task The_first_candidate_acquires_and_renews_while_the_second_waits()
    {
        await using var h = await KubeHarness.StartAsync();
        await using var a = new Candidate(h, "op-a", _time);
        await Candidate.StepUntilAsync(_time, () => a.Elector.IsLeader, "op-a leading");
        var acquired = await LeaseAsync(h);
        Assert.Equal(("op-a", 15, 0), (acquired.HolderIdentity, acquired.LeaseDurationSeconds, acquired.LeaseTransitions));

        await using var b = new Candidate(h, "op-b", _time);
        await Candidate.StepUntilAsync(_time, () => b.Elector.Leader == "op-a", "op-b seeing op-a");
        await Candidate.StepAsync(_time, 30);

        Assert.True(a.Elector.IsLeader);
        Assert.False(b.Elector.IsLeader);
        Assert.Null(b.StartedAt);
        var renewed = await LeaseAsync(h);
        Assert.Equal("op-a", renewed.HolderIdentity);
        Assert.Equal(acquired.AcquireTime, renewed.AcquireTime);
        Assert.True(renewed.RenewTime >= acquired.RenewTime!.Value.AddSeconds(25), $"renewed at {renewed.RenewTime}");
        Assert.Equal(0, renewed.LeaseTransitions);
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_API_stops_leading_before_another_takes_over_on_expiry()
    {
        await using var h = await KubeHarness.StartAsync();
        await using var a = new Candidate(h, "op-a", _time);
        await Candidate.StepUntilAsync(_time, () => a.Elector.IsLeader, "op-a leading");
        await using var b = new Candidate(h, "op-b", _time);
        await Candidate.StepUntilAsync(_time, () => b.Elector.Leader == "op-a", "op-b seeing op-a");

        a.Transport.Partitioned = true;
        var cut = _time.GetUtcNow();
        await Candidate.StepUntilAsync(_time, () => b.Elector.IsLeader && b.StartedAt is not null, "op-b taking over");

        Assert.False(a.Elector.IsLeader);
        Assert.True(a.Run.IsCompleted);
        Assert.NotNull(a.StoppedAt);
        // op-a gives up within RenewDeadline of its last renewal; op-b waits a whole LeaseDuration after it last saw
        // the lease change, so the two never lead at once. op-b sees changes only when it polls (every 2 to 4.4 s with
        // jitter), hence the wide window: at least LeaseDuration minus a renew period, at most plus two polls.
        Assert.InRange(a.StoppedAt!.Value - cut, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(11));
        Assert.True(b.StartedAt > a.StoppedAt, $"op-b started at {b.StartedAt}, op-a stopped at {a.StoppedAt}");
        Assert.InRange(b.StartedAt!.Value - cut, TimeSpan.FromSeconds(13), TimeSpan.FromSeconds(15 + (2 * 4.4) + 1));
        var lease = await LeaseAsync(h);
        Assert.Equal(("op-b", 1), (lease.HolderIdentity, lease.LeaseTransitions));
    }

    [Fact]
    public async Task Stopping_the_leader_releases_the_lease_and_the_next_candidate_takes_it_without_waiting_for_expiry()
    {
        await using var h = await KubeHarness.StartAsync();
        await using var a = new Candidate(h, "op-a", _time);
        await Candidate.StepUntilAsync(_time, () => a.Elector.IsLeader, "op-a leading");
        await using var b = new Candidate(h, "op-b", _time);
        await Candidate.StepUntilAsync(_time, () => b.Elector.Leader == "op-a", "op-b seeing op-a");

        await a.StopAsync();
        await a.Run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(a.Elector.IsLeader);
        var released = await LeaseAsync(h);
        Assert.Null(released.HolderIdentity);
        var stopped = _time.GetUtcNow();

        await Candidate.StepUntilAsync(_time, () => b.Elector.IsLeader, "op-b taking over");
        // At op-b's next poll (at most 4.4 s away), far sooner than the 15 s an unreleased lease would make it wait.
        Assert.InRange(_time.GetUtcNow() - stopped, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        var lease = await LeaseAsync(h);
        Assert.Equal(("op-b", 1), (lease.HolderIdentity, lease.LeaseTransitions));
    }

    [Fact]
    public void Timings_that_cannot_guarantee_a_single_leader_are_refused()
    {
        var h = new Moq.Mock<k8s.IKubernetes>();
        h.SetupGet(k => k.CustomObjects).Returns(new Moq.Mock<k8s.ICustomObjectsOperations>().Object);
        var e = Assert.Throws<ArgumentException>(() => new LeaderElector(new ResourceClient<V1Lease>(h.Object),
            Candidate.Options("x") with { RenewDeadline = TimeSpan.FromSeconds(15) }));
        Assert.Contains("LeaseDuration > RenewDeadline", e.Message);
    }
}
