using Sriov.Sim.Scenario;

namespace Sriov.Sim.Tests.Scenario;

public sealed class RecordComparerTests
{
    internal static StepRecord Step(int index, string op, string outcome = "ok", string? message = null, bool? changed = null, params (string Key, string? Value)[] state) =>
        new()
        {
            Index = index, Op = op, Outcome = outcome, Message = message, Changed = changed,
            State = state.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
        };

    internal static ScenarioRecord Record(string target, params StepRecord[] steps) =>
        new() { Script = "s", Target = target, Steps = steps };

    [Fact]
    public void Equal_records_have_no_difference_whatever_their_timings()
    {
        var real = Record("real", Step(0, "numvfs 2", changed: true, state: ("pf.numvfs", "2")) with { Milliseconds = 1200 });
        var sim = Record("sim:igb", Step(0, "numvfs 2", changed: true, state: ("pf.numvfs", "2")) with { Milliseconds = 7 });

        Assert.Empty(RecordComparer.Compare(real, sim));
    }

    [Fact]
    public void Outcome_message_changed_and_each_state_key_are_compared()
    {
        var real = Record("real", Step(0, "mtu 0 9217", "EINVAL", "set MTU 9217 on eth1: Invalid argument (EINVAL)", state: [("a", "1"), ("b", "x")]));
        var sim = Record("sim:igb", Step(0, "mtu 0 9217", "ok", null, true, ("b", "x"), ("c", "3")));

        Assert.Equal(
            [
                new RecordDifference("s", 0, "mtu 0 9217", "outcome", "EINVAL", "ok"),
                new RecordDifference("s", 0, "mtu 0 9217", "message", "set MTU 9217 on eth1: Invalid argument (EINVAL)", null),
                new RecordDifference("s", 0, "mtu 0 9217", "changed", null, "true"),
                new RecordDifference("s", 0, "mtu 0 9217", "a", "1", null),
                new RecordDifference("s", 0, "mtu 0 9217", "c", null, "3"),
            ],
            RecordComparer.Compare(real, sim));
    }

    [Theory]
    // Addresses a driver or the simulator chose compare equal; the zero address and the script's addresses as they are.
    [InlineData("6a:46:a0:a9:9c:8c", "02:00:01:10:00:01", null)]
    [InlineData("02:11:22:33:44:55", "02:11:22:33:44:55", null)]
    [InlineData("02:11:22:33:44:55", "02:00:01:10:00:01", "(chosen)")]
    [InlineData("00:00:00:00:00:00", "02:00:01:10:00:01", "(chosen)")]
    public void Macs_nobody_wrote_compare_as_chosen(string real, string sim, string? simShown)
    {
        var op = "vf-mac 0 02:11:22:33:44:55";
        var differences = RecordComparer.Compare(
            Record("real", Step(0, op, state: ("vf0.mac", real))), Record("sim:igb", Step(0, op, state: ("vf0.mac", sim))));

        Assert.Equal(simShown, differences.SingleOrDefault()?.Sim);
    }

    [Fact]
    public void Records_that_diverge_stop_comparing_at_the_first_other_operation()
    {
        var real = Record("real", Step(0, "numvfs 2"), Step(1, "numvfs 3"), Step(2, "numvfs 0"));
        var sim = Record("sim:igb", Step(0, "numvfs 2"), Step(1, "numvfs 4"), Step(2, "numvfs 0"));

        Assert.Equal([new RecordDifference("s", 1, "numvfs 3", "op", "numvfs 3", "numvfs 4")], RecordComparer.Compare(real, sim));
        Assert.Equal("op", Assert.Single(RecordComparer.Compare(real, Record("sim:igb", Step(0, "numvfs 2")))).Field);
    }

    [Fact]
    public void Records_of_two_scripts_are_not_compared()
    {
        Assert.Throws<ArgumentException>(() => RecordComparer.Compare(Record("real"), Record("sim") with { Script = "other" }));
    }
}
