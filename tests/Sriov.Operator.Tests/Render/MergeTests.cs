using Sriov.Operator.Tests.Fixtures;
using static Sriov.Operator.Tests.Fixtures.Make;

namespace Sriov.Operator.Tests.Render;

/// <summary>
/// Two policies on one PF (operator.md §2.3 merge). Each policy is "name/priority/resource/pfNames entry/numVfs/mtu";
/// the second sorts after the first (lower priority number or later name), so it is applied last.
/// </summary>
public sealed class MergeTests
{
    private static readonly Api.NodeStates.InterfaceExt Pf = Nic("ens1f0", "0000:17:00.0");

    [Theory]
    // Partitioning: disjoint ranges of different resources are kept; the PF gets the larger numVfs and mtu.
    [InlineData("a/10/ra/ens1f0#0-7/16/9000", "b/10/rb/ens1f0#8-15/16/1500", 16, 9000, "ra:0-7,rb:8-15")]
    [InlineData("a/20/ra/ens1f0#8-15/16/0", "b/10/rb/ens1f0#0-3/8/0", 16, null, "rb:0-3,ra:8-15")]
    // Overlap: the higher-priority policy replaces the group and, with nothing kept, its numVfs wins.
    [InlineData("a/20/ra/ens1f0#0-7/16/9000", "b/10/rb/ens1f0#4-7/8/1500", 8, 1500, "rb:4-7")]
    // Overlap at equal priority: the group is replaced but numVfs and mtu are the maximum.
    [InlineData("a/10/ra/ens1f0#0-7/16/9000", "b/10/rb/ens1f0#4-7/8/1500", 16, 9000, "rb:4-7")]
    // Same resource: replaced even when the ranges are disjoint.
    [InlineData("a/20/r/ens1f0#0-3/8/0", "b/10/r/ens1f0#4-7/8/0", 8, null, "r:4-7")]
    // A whole-PF entry overlaps every range.
    [InlineData("a/20/ra/ens1f0/16/0", "b/10/rb/ens1f0#0-3/4/0", 4, null, "rb:0-3")]
    // Later name wins at equal priority.
    [InlineData("b/10/rb/ens1f0/4/0", "a/10/ra/ens1f0/8/0", 8, null, "rb:0-3")]
    public void Second_policy_merges_into_the_first(string first, string second, int numVfs, int? mtu, string groups)
    {
        var render = RenderOne([Parse(first), Parse(second)], Pf);

        var pf = Assert.Single(render.Spec.Interfaces!);
        Assert.Equal(numVfs, pf.NumVfs);
        Assert.Equal(mtu, pf.Mtu);
        Assert.Equal(groups, Make.Groups(pf));
    }

    [Fact]
    public void Pf_level_link_type_e_switch_mode_and_externally_managed_come_from_the_newest_policy()
    {
        var low = Policy("low", "ra", 8, "ens1f0#0-3", priority: 20, edit: s => { s.LinkType = "eth"; s.ESwitchMode = "switchdev"; s.ExternallyManaged = true; });
        var high = Policy("high", "rb", 8, "ens1f0#4-7", priority: 10);

        var pf = Assert.Single(RenderOne([low, high], Pf).Spec.Interfaces!);

        Assert.Equal("ra:0-3,rb:4-7", Make.Groups(pf));
        Assert.Null(pf.LinkType);
        Assert.Null(pf.ESwitchMode);
        Assert.Null(pf.ExternallyManaged);
    }

    [Fact]
    public void Equal_priority_is_judged_per_pf_not_against_the_previous_policy_on_the_node()
    {
        // Upstream compares with the policy applied just before on the node (here "other", priority 10, on another
        // PF) and would keep numVfs 8; per PF, "high" (10) overrides "low" (20) and its numVfs 4 wins.
        var low = Policy("a-low", "ra", 8, "ens1f0", priority: 20);
        var other = Policy("b-other", "rx", 2, "ens2f0", priority: 10);
        var high = Policy("c-high", "rb", 4, "ens1f0#0-3", priority: 10);

        var render = RenderOne([low, other, high], Pf, Nic("ens2f0", "0000:18:00.0"));

        var pf = render.Spec.Interfaces!.Single(i => i.Name == "ens1f0");
        Assert.Equal(4, pf.NumVfs);
        Assert.Equal("rb:0-3", Make.Groups(pf));
    }

    [Fact]
    public void Interfaces_keep_the_order_policies_first_touched_them()
    {
        var render = RenderOne([Policy("x", "r2", 2, "ens2f0", priority: 50), Policy("y", "r1", 2, "ens1f0", priority: 10)],
            Pf, Nic("ens2f0", "0000:18:00.0"));

        Assert.Equal(["ens2f0", "ens1f0"], render.Spec.Interfaces!.Select(i => i.Name));
    }

    private static Api.Policies.SriovNetworkNodePolicy Parse(string s)
    {
        var p = s.Split('/');
        var mtu = int.Parse(p[5], System.Globalization.CultureInfo.InvariantCulture);
        return Policy(p[0], p[2], int.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture), p[3],
            priority: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
            edit: spec => spec.Mtu = mtu == 0 ? null : mtu);
    }
}
