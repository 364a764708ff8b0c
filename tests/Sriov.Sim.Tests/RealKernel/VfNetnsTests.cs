using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// A real VF netdev moving between network namespaces: it leaves the initial namespace's view of sysfs, carries
/// traffic inside the emulated NIC, and comes back when its namespace is deleted (the kernel's default_device_exit
/// moves physical devices home instead of destroying them; a veth would die with the namespace).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class VfNetnsTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "vf-netns";

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("move", """
                rk_write enable "$RK_PF_SYS/sriov_numvfs" 2
                rk_wait 5 rk_has_vf_if 1
                vf0=$(rk_vf_if 0) vf1=$(rk_vf_if 1)
                echo "vf0_if=$vf0"
                ip netns add rk-a && ip netns add rk-b
                rk_try move0 ip link set "$vf0" netns rk-a
                rk_try move1 ip link set "$vf1" netns rk-b
                echo "vf0_in_init_ns=$(rk_vf_if 0)"
                echo "vf0_in_rk_a=$(ip -n rk-a -o link show "$vf0" >/dev/null 2>&1 && echo yes || echo no)"
                ip -n rk-a addr add 192.0.2.1/24 dev "$vf0" && ip -n rk-a link set "$vf0" up
                ip -n rk-b addr add 192.0.2.2/24 dev "$vf1" && ip -n rk-b link set "$vf1" up
                rk_try pf_mac_while_moved ip link set "$RK_PF_IF" vf 0 mac 02:00:00:00:0a:01
                # VF-to-VF traffic is switched inside the emulated 82576; nothing leaves the guest.
                rk_wait 30 ip netns exec rk-a "$RK_BUSYBOX" ping -c 1 -W 1 192.0.2.2 >/dev/null && echo "first_reply_s=$SECONDS"
                echo "replies=$(ip netns exec rk-a "$RK_BUSYBOX" ping -c 3 -W 2 192.0.2.2 | grep -c 'bytes from')"
                """, TimeSpan.FromSeconds(60)),
            new GuestStep("delete-netns", """
                ip netns del rk-a
                # Namespace teardown runs in a kernel work queue after the last reference goes: poll for the return.
                start=$(rk_ms)
                rk_wait 10 rk_has_vf_if 0
                echo "vf0_back=$(rk_vf_if 0)"
                echo "returned_ms=$(($(rk_ms) - start))"
                """),
            new GuestStep("move-back", """
                vf1=$(ip -n rk-b -o link show | awk -F': ' '$2 != "lo" { print $2; exit }')
                rk_try move_back ip -n rk-b link set "$vf1" netns 1
                echo "vf1_back=$(rk_vf_if 1)"
                """),
        ]),
        // Nothing here needs an IOMMU: the plain guest, whose steps take about as long as the IOMMU guest's once the
        // ~18 s of this one (mostly waiting for VF carrier under TCG) are here (docs/testing.md, "Costs").
    ];

    [Fact]
    public async Task A_vf_moved_into_a_netns_leaves_the_initial_namespace()
    {
        var move = await guests.StepAsync(Scenario, "move");

        Assert.Equal("ok", move.Value("move0"));
        Assert.Equal("ok", move.Value("move1"));
        Assert.Equal("", move.Value("vf0_in_init_ns"));
        Assert.Equal("yes", move.Value("vf0_in_rk_a"));
    }

    [Fact]
    public async Task The_pf_still_sets_a_vf_mac_while_the_vf_is_in_another_netns()
    {
        var move = await guests.StepAsync(Scenario, "move");

        Assert.Equal("ok", move.Value("pf_mac_while_moved"));
    }

    [Fact]
    public async Task Two_vfs_in_two_namespaces_reach_each_other_through_the_nic()
    {
        var move = await guests.StepAsync(Scenario, "move");

        Assert.Equal("3", move.Value("replies"));
    }

    [Fact]
    public async Task Deleting_the_netns_returns_the_vf_under_its_name()
    {
        var move = await guests.StepAsync(Scenario, "move");
        var delete = await guests.StepAsync(Scenario, "delete-netns");

        Assert.Equal(move.Value("vf0_if"), delete.Value("vf0_back"));
    }

    [Fact]
    public async Task Moving_the_vf_to_netns_1_returns_it()
    {
        var back = await guests.StepAsync(Scenario, "move-back");

        Assert.Equal("ok", back.Value("move_back"));
        Assert.StartsWith("eth", back.Value("vf1_back"), StringComparison.Ordinal);
    }
}
