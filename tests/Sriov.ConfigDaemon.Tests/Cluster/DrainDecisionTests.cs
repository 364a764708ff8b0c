using Sriov.ConfigDaemon.Drain;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>The node side of the drain handshake (operator.md §4.6).</summary>
public sealed class DrainDecisionTests
{
    [Theory]
    [InlineData(false, false, null, null, "Apply")]
    [InlineData(false, false, "Drain_Required", "DrainComplete", "Apply")]
    [InlineData(true, true, null, null, "Apply")]
    [InlineData(true, false, null, null, "Request")]
    [InlineData(true, false, "Idle", "Idle", "Request")]
    [InlineData(true, false, "Idle", "DrainComplete", "Request")] // a released drain, about to be uncordoned: ask again
    [InlineData(true, false, "Drain_Required", "Idle", "Wait")]
    [InlineData(true, false, "Drain_Required", "Draining", "Wait")]
    [InlineData(true, false, "Drain_Required", "DrainComplete", "Apply")]
    [InlineData(true, false, "Reboot_Required", "DrainComplete", "Apply")] // left by upstream's daemon: a full drain is more than enough
    public void Decides(bool needsDrain, bool disableDrain, string? desired, string? current, string expected) =>
        Assert.Equal(expected, DrainDecision.Decide(needsDrain, disableDrain, desired, current).ToString());

    [Theory]
    [InlineData(null, false)]
    [InlineData("Idle", false)]
    [InlineData("Drain_Required", true)]
    [InlineData("Reboot_Required", true)]
    public void Holds_a_drain_it_asked_for(string? desired, bool holds) => Assert.Equal(holds, DrainDecision.Holds(desired));
}
