using k8s.Models;
using Sriov.Kube.Leadership;

namespace Sriov.Kube.Tests.Leadership;

public class LeaseRulesTests
{
    private static readonly DateTimeOffset Seen = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(null, 15, 0, false)]    // nobody holds it
    [InlineData("", 15, 0, false)]      // released
    [InlineData("me", 15, 0, false)]    // ours
    [InlineData("other", 15, 14, true)] // seen unchanged for less than its duration
    [InlineData("other", 15, 15, false)] // expired on our clock
    [InlineData("other", 1, 2, false)]  // a released-looking short lease
    [InlineData("other", 0, 14, true)]  // no duration on the lease: ours applies
    public void A_lease_is_held_by_another_until_it_stays_unchanged_for_its_duration(string? holder, int seconds,
        int elapsed, bool held)
    {
        var spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = seconds };
        Assert.Equal(held, LeaseRules.HeldByAnother(spec, "me", Seen, Seen.AddSeconds(elapsed), Default));
    }

    [Fact]
    public void Claiming_counts_a_transition_on_takeover_but_not_on_renewal()
    {
        var taken = LeaseRules.Claim(null, "a", Default, Seen);
        Assert.Equal(("a", 15, 0, Seen.UtcDateTime), (taken.HolderIdentity, taken.LeaseDurationSeconds, taken.LeaseTransitions, taken.AcquireTime));

        var renewed = LeaseRules.Claim(taken, "a", Default, Seen.AddSeconds(2));
        Assert.Equal((0, Seen.UtcDateTime, Seen.AddSeconds(2).UtcDateTime), (renewed.LeaseTransitions, renewed.AcquireTime, renewed.RenewTime));

        var takeover = LeaseRules.Claim(renewed, "b", Default, Seen.AddSeconds(30));
        Assert.Equal(("b", 1, Seen.AddSeconds(30).UtcDateTime), (takeover.HolderIdentity, takeover.LeaseTransitions, takeover.AcquireTime));

        var released = LeaseRules.Release(takeover, Seen.AddSeconds(31));
        Assert.Equal((null, 1, 1), (released.HolderIdentity, released.LeaseDurationSeconds, released.LeaseTransitions));
    }
}
