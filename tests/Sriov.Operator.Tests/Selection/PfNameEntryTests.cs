using Sriov.Api.NodeStates;
using Sriov.Operator.Selection;

namespace Sriov.Operator.Tests.Selection;

public sealed class PfNameEntryTests
{
    [Theory]
    [InlineData("ens1f0", "ens1f0", null, null)]
    [InlineData("ens1f0#0-7", "ens1f0", "0-7", null)]
    [InlineData("ens1f0#3-3", "ens1f0", "3-3", null)]
    [InlineData("ens1f0#7-3", "ens1f0", null, "has its last VF index 3 before its first 7")]
    [InlineData("ens1f0#a-3", "ens1f0", null, "has a range bound that is not a non-negative integer")]
    [InlineData("ens1f0#-1-3", "ens1f0", null, "needs exactly one '-'")]
    [InlineData("ens1f0#3", "ens1f0", null, "needs exactly one '-'")]
    [InlineData("ens1f0#0-1#2-3", "ens1f0", null, "has more than one '#'")]
    [InlineData("#0-3", "", null, "has no PF name before '#'")]
    [InlineData("", "", null, "the PF name is empty")]
    public void Parses_name_and_range(string raw, string name, string? range, string? error)
    {
        var entry = PfNameEntry.Parse(raw);

        Assert.Equal(name, entry.Name);
        Assert.Equal(range, entry.Range?.ToString());
        if (error is null)
        {
            Assert.Null(entry.Error);
        }
        else
        {
            Assert.StartsWith(error, entry.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 3, 3, 5, true)]
    [InlineData(0, 3, 4, 7, false)]
    [InlineData(4, 7, 0, 3, false)]
    [InlineData(2, 2, 0, 7, true)]
    public void Ranges_overlap_when_they_share_an_index(int a1, int a2, int b1, int b2, bool overlap) =>
        Assert.Equal(overlap, new VfRange(a1, a2).Overlaps(new VfRange(b1, b2)));

    [Theory]
    [InlineData("0-7", true)]
    [InlineData("7-0", false)]
    [InlineData("0", false)]
    [InlineData("a-b", false)]
    [InlineData(null, false)]
    public void VfRange_parses_first_dash_last(string? text, bool ok) => Assert.Equal(ok, VfRange.TryParse(text, out _));
}
