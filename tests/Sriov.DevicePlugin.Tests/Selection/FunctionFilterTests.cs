using Sriov.DevicePlugin.Selection;

namespace Sriov.DevicePlugin.Tests.Selection;

public class FunctionFilterTests
{
    // Upstream's worked example: ["ens0","ens2f0#1","ens2f1#0,3-5,7"].
    private static readonly FunctionFilter[] Example =
        [.. new[] { "ens0", "ens2f0#1", "ens2f1#0,3-5,7" }.Select(e => FunctionFilter.TryParse(e, out _)!)];

    [Theory]
    [InlineData("ens0", 0, true)]
    [InlineData("ens0", 63, true)]
    [InlineData("ens0", null, true)]
    [InlineData("ENS0", 5, true)]
    [InlineData("ens2f0", 1, true)]
    [InlineData("ens2f0", 0, false)]
    [InlineData("ens2f1", 0, true)]
    [InlineData("ens2f1", 1, false)]
    [InlineData("ens2f1", 2, false)]
    [InlineData("ens2f1", 3, true)]
    [InlineData("ens2f1", 4, true)]
    [InlineData("ens2f1", 5, true)]
    [InlineData("ens2f1", 6, false)]
    [InlineData("ens2f1", 7, true)]
    [InlineData("ens2f1", null, false)]
    [InlineData("eth0", 0, false)]
    [InlineData(null, 0, false)]
    [InlineData("", 0, false)]
    public void Upstreams_worked_example(string? pf, int? function, bool expected) =>
        Assert.Equal(expected, FunctionFilter.Match(Example, pf, function));

    [Fact]
    public void The_first_entry_for_a_pf_decides_and_later_ones_are_ignored()
    {
        FunctionFilter[] filters = [FunctionFilter.TryParse("ens1f0#0-1", out _)!, FunctionFilter.TryParse("ens1f0#2-3", out _)!];
        Assert.True(FunctionFilter.Match(filters, "ens1f0", 1));
        Assert.False(FunctionFilter.Match(filters, "ens1f0", 2));
    }

    [Theory]
    [InlineData("0000:86:00.1#4-7", "0000:86:00.1", 4, true)]
    [InlineData("0000:86:00.1#4-7", "0000:86:00.1", 8, false)]
    [InlineData("0000:86:00.1", "0000:86:00.1", 100, true)]
    [InlineData("0000:86:00.1", "0000:86:00.0", 1, false)]
    public void Root_devices_use_the_same_syntax(string entry, string pf, int function, bool expected) =>
        Assert.Equal(expected, FunctionFilter.Match([FunctionFilter.TryParse(entry, out _)!], pf, function));

    [Theory]
    [InlineData("p0#0,2-7,9", "0,2-7,9")]
    [InlineData("p0#12", "12")]
    [InlineData("p0#0-0", "0-0")]
    public void Ranges_parse(string entry, string range) =>
        Assert.Equal(range, FunctionFilter.TryParse(entry, out _)!.Functions!.Text);

    [Theory]
    [InlineData("p0#", "function list after '#': \"\" is not an index or a range A-B of non-negative integers")]
    [InlineData("p0#1,", "function list after '#': \"\" is not an index or a range A-B of non-negative integers")]
    [InlineData("p0#-1", "function list after '#': \"-1\" is not an index or a range A-B of non-negative integers")]
    [InlineData("#1", "names no PF before '#'")]
    [InlineData("p0#1#2", "has more than one '#'")]
    public void Malformed_entries_say_what_is_wrong(string entry, string error)
    {
        Assert.Null(FunctionFilter.TryParse(entry, out var message));
        Assert.Equal(error, message);
    }
}
