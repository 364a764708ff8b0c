using Microsoft.Extensions.Time.Testing;
using Sriov.ConfigDaemon.Cluster;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>/healthz: alive while the next pass is not overdue, the failure backoff included.</summary>
public sealed class HealthStateTests
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(30, 89, true)] // a normal pass: three resync periods of grace
    [InlineData(30, 90, false)]
    [InlineData(0, 89, true)] // a short retry: still three resync periods
    [InlineData(0, 90, false)]
    [InlineData(120, 149, true)] // a backoff longer than three periods: the backoff plus one period
    [InlineData(120, 150, false)]
    [InlineData(300, 329, true)] // the longest failure backoff (5 min) plus one resync period
    [InlineData(300, 330, false)]
    public void Healthy_until_the_scheduled_pass_is_a_resync_period_late(int nextPassInSeconds, int elapsedSeconds, bool healthy)
    {
        var clock = new FakeTimeProvider();
        var state = new HealthState(clock, Resync);
        state.PassCompleted(TimeSpan.FromSeconds(nextPassInSeconds));

        clock.Advance(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(healthy, state.Healthy);
        Assert.True(state.Ready);
    }

    [Fact]
    public void The_longest_failure_backoff_is_covered_and_a_stuck_loop_is_still_reported()
    {
        var clock = new FakeTimeProvider();
        var state = new HealthState(clock, Resync);
        Assert.False(state.Ready);

        state.PassCompleted(NodeStateReconciler.MaxFailureBackoff);
        clock.Advance(NodeStateReconciler.MaxFailureBackoff);
        Assert.True(state.Healthy);

        state.PassCompleted(Resync); // the retry ran, and the node is fine again: back to three periods
        clock.Advance(Resync * 3);
        Assert.False(state.Healthy);
    }
}
