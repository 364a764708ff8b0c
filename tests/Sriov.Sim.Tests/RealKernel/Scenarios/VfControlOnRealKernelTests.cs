namespace Sriov.Sim.Tests.RealKernel.Scenarios;

/// <summary>
/// <c>Sriov.Host</c>'s netlink side on the real igb PF (issue 4): every VF attribute set through
/// <c>IVfControl</c> (<c>NetlinkVfControl</c>) and read back from the kernel's IFLA_VFINFO_LIST, igb's refusals as our
/// <c>NetlinkException</c> texts, and VF interfaces moved between namespaces through <c>RouteNetlink</c>; read from the
/// records of the vf-attrs and netns scenarios (hack/Sriov.Sim/Scenario/Scripts).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class VfControlOnRealKernelTests(SimRealKernelGuests guests)
{
    [Theory]
    [InlineData(2, "vf-mac 0 02:11:22:33:44:55", "admin0.mac", "02:11:22:33:44:55")]
    [InlineData(3, "vf-vlan 0 100 qos 3", "admin0.vlan", "100")]
    [InlineData(3, "vf-vlan 0 100 qos 3", "admin0.qos", "3")]
    [InlineData(5, "vf-vlan 1 200 proto 802.1Q", "admin1.vlan", "200")]
    [InlineData(5, "vf-vlan 1 200 proto 802.1Q", "admin1.proto", "802.1Q")]
    [InlineData(6, "vf-spoofchk 0 off", "admin0.spoofchk", "false")]
    [InlineData(7, "vf-trust 0 on", "admin0.trust", "true")]
    [InlineData(8, "vf-rate 0 0 100", "admin0.max_tx", "100")]
    [InlineData(9, "vf-rate 1 0 200", "admin1.max_tx", "200")]
    [InlineData(23, "vf-rate 1 0 300", "admin1.max_tx", "300")]
    [InlineData(24, "vf-spoofchk 0 on", "admin0.spoofchk", "true")]
    [InlineData(25, "vf-trust 0 off", "admin0.trust", "false")]
    [InlineData(26, "vf-mac 0 00:00:00:00:00:00", "admin0.mac", "00:00:00:00:00:00")]
    [InlineData(27, "vf-vlan 0 0", "admin0.vlan", "0")]
    [InlineData(27, "vf-vlan 0 0", "admin0.qos", "0")]
    [InlineData(28, "vf-rate 0 0 0", "admin0.max_tx", "0")]
    public async Task A_vf_attribute_set_through_ivfcontrol_reads_back_from_the_pf(int step, string op, string key, string expected)
    {
        var set = (await ScenarioRecords.RealAsync(guests, "vf-attrs")).At(step, op);

        Assert.Equal("ok", set.Outcome);
        Assert.Equal(expected, set.Value(key));
    }

    [Fact]
    public async Task New_vfs_read_back_with_igbs_defaults_and_without_what_igb_does_not_report()
    {
        var vf = (await ScenarioRecords.RealAsync(guests, "vf-attrs")).At(0, "numvfs 2");

        Assert.Equal(
            ("00:00:00:00:00:00", "0", "0", "802.1Q", "0", "0", "true", "false", "auto"),
            (vf.Value("admin1.mac"), vf.Value("admin1.vlan"), vf.Value("admin1.qos"), vf.Value("admin1.proto"), vf.Value("admin1.min_tx"),
             vf.Value("admin1.max_tx"), vf.Value("admin1.spoofchk"), vf.Value("admin1.trust"), vf.Value("admin1.link_state")));

        // The kernel's -1 for "driver did not say" (rtnl_fill_vfinfo) reads as null; igb has no GUIDs.
        Assert.Equal((null, null, null), (vf.Value("admin1.rss_query"), vf.Value("admin1.node_guid"), vf.Value("admin1.port_guid")));
    }

    [Theory]
    [InlineData(4, "vf-vlan 0 100 proto 802.1ad", "EPROTONOSUPPORT", "set VF 0 VLAN 100 proto 802.1ad on eth0: Protocol not supported (EPROTONOSUPPORT)")]
    [InlineData(10, "vf-rate 0 10 100", "EINVAL", "set VF 0 rate min 10 max 100 Mbps on eth0: Invalid argument (EINVAL)")]
    [InlineData(11, "vf-rate 0 0 5000", "EINVAL", "set VF 0 rate min 0 max 5000 Mbps on eth0: Invalid argument (EINVAL)")]
    [InlineData(12, "vf-state 0 enable", "EOPNOTSUPP", "set VF 0 link state enable on eth0: Operation not supported (EOPNOTSUPP)")]
    [InlineData(13, "vf-node-guid 0 00:11:22:33:44:55:66:77", "EOPNOTSUPP", "set VF 0 node GUID 00:11:22:33:44:55:66:77 on eth0: Operation not supported (EOPNOTSUPP)")]
    [InlineData(14, "vf-port-guid 0 00:11:22:33:44:55:66:78", "EOPNOTSUPP", "set VF 0 port GUID 00:11:22:33:44:55:66:78 on eth0: Operation not supported (EOPNOTSUPP)")]
    [InlineData(15, "vf-mac 7 02:00:00:00:00:07", "EINVAL", "set VF 7 MAC 02:00:00:00:00:07 on eth0: Invalid argument (EINVAL)")]
    [InlineData(16, "vf-mac 1 01:00:5e:00:00:01", "EINVAL", "set VF 1 MAC 01:00:5e:00:00:01 on eth0: Invalid argument (EINVAL)")]
    [InlineData(18, "vf-get 5", "ENODEV", "get VF 5 of eth0 (the PF reports 2 VFs): No such device (ENODEV)")]
    [InlineData(20, "vf-rate 1 0 300", "EINVAL", "set VF 1 rate min 0 max 300 Mbps on eth0: Invalid argument (EINVAL)")]
    public async Task Igbs_refusal_is_our_netlink_exception_naming_operation_interface_and_errno(int step, string op, string errno, string message)
    {
        var refused = (await ScenarioRecords.RealAsync(guests, "vf-attrs")).At(step, op);

        Assert.Equal((errno, "NetlinkException", message), (refused.Outcome, refused.ErrorType, refused.Message));
    }

    [Fact]
    public async Task A_refused_request_changes_nothing()
    {
        var attrs = await ScenarioRecords.RealAsync(guests, "vf-attrs");

        Assert.Equal(attrs.At(3, "vf-vlan 0 100 qos 3").State, attrs.At(4, "vf-vlan 0 100 proto 802.1ad").State);
        Assert.Equal(attrs.At(9, "vf-rate 1 0 200").State, attrs.At(16, "vf-mac 1 01:00:5e:00:00:01").State);
    }

    [Fact]
    public async Task Without_pf_carrier_a_rate_is_refused_and_with_it_accepted()
    {
        var attrs = await ScenarioRecords.RealAsync(guests, "vf-attrs");

        Assert.Equal("false", attrs.At(19, "pf-down").Value("pf.up"));
        Assert.Equal("EINVAL", attrs.At(20, "vf-rate 1 0 300").Outcome);
        Assert.Equal("ok", attrs.At(23, "vf-rate 1 0 300").Outcome);
    }

    [Fact]
    public async Task Vf_interfaces_move_into_namespaces_with_and_without_a_rename()
    {
        var netns = await ScenarioRecords.RealAsync(guests, "netns");
        var enabled = netns.At(0, "numvfs 2");
        var moved = netns.At(4, "move 1 b as pod1");

        Assert.Equal("ok", netns.At(3, "move 0 a").Outcome);
        Assert.Equal(("ok", null, null), (moved.Outcome, moved.Value("vf0.netdev"), moved.Value("vf1.netdev")));
        Assert.Equal(enabled.Value("vf0.netdev"), moved.Value("ns.a"));
        Assert.Equal("pod1", moved.Value("ns.b"));
    }

    [Fact]
    public async Task Mtu_up_and_rename_act_on_a_vf_inside_its_namespace()
    {
        var netns = await ScenarioRecords.RealAsync(guests, "netns");
        var vf0 = netns.At(0, "numvfs 2").Value("vf0.netdev");

        Assert.Equal(
            "set MTU 9217 on " + vf0 + " (netns /run/netns/a): Invalid argument (EINVAL): mtu greater than device maximum",
            netns.At(5, "mtu 0 9217").Message);
        Assert.Equal("9000", netns.At(6, "mtu 0 9000").Value($"ns.a.{vf0}.mtu"));
        Assert.Equal("true", netns.At(7, "link-up 0").Value($"ns.a.{vf0}.up"));
        Assert.Equal("pod2", netns.At(9, "rename 1 pod2").Value("ns.b"));
    }

    [Fact]
    public async Task The_pf_sets_the_admin_mac_of_a_vf_in_another_namespace()
    {
        var set = (await ScenarioRecords.RealAsync(guests, "netns")).At(8, "vf-mac 0 02:00:00:00:0a:01");

        Assert.Equal(("ok", "02:00:00:00:0a:01"), (set.Outcome, set.Value("admin0.mac")));
    }

    [Fact]
    public async Task A_move_whose_rename_is_refused_leaves_the_vf_in_the_target_under_its_old_name_and_it_can_be_moved_back()
    {
        var netns = await ScenarioRecords.RealAsync(guests, "netns");
        var vf0 = netns.At(0, "numvfs 2").Value("vf0.netdev");
        var half = netns.At(10, "move 0 b as pod2");
        var home = netns.At(11, "move-home 0");

        // The kernel moves first and renames second (do_setlink): the rename's EEXIST comes after the move happened.
        Assert.Equal("EEXIST", half.Outcome);
        Assert.Equal($"move {vf0} to netns /run/netns/b as pod2 (netns /run/netns/a): File exists (EEXIST)", half.Message);
        Assert.Equal(("", $"{vf0} pod2"), (half.Value("ns.a"), half.Value("ns.b")));
        Assert.Equal(("ok", vf0, "pod2"), (home.Outcome, home.Value("vf0.netdev"), home.Value("ns.b")));
    }

    [Fact]
    public async Task Deleting_a_namespace_returns_its_vf_to_the_host_under_the_name_it_had_there()
    {
        var deleted = (await ScenarioRecords.RealAsync(guests, "netns")).At(12, "netns-del b");

        Assert.Equal(("ok", "pod2"), (deleted.Outcome, deleted.Value("vf1.netdev")));
        Assert.DoesNotContain("ns.b", deleted.State.Keys);
    }
}
