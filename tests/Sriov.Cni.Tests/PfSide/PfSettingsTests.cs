using Sriov.Cni.Journal;
using Sriov.Cni.Tests.Support;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;
using Sriov.Host.VfControl;
using Sriov.Sim.VfDriver;

namespace Sriov.Cni.Tests.PfSide;

/// <summary>
/// PF-side VF settings, their order, rollback and restore, against the IVfControl driver emulator with its drivers'
/// quirks: igb's EOPNOTSUPP for link_state, EBUSY then success for a MAC, restore failures of both kinds.
/// </summary>
public sealed class PfSettingsTests
{
    private const string Everything =
        """{"vlan":100,"vlanQoS":3,"vlanProto":"802.1ad","mac":"02:00:00:00:00:11","min_tx_rate":10,"max_tx_rate":100,"spoofchk":"off","trust":"on","link_state":"enable"}""";

    [Fact]
    public void Every_setting_is_applied_in_upstreams_order_and_del_restores_each_in_its_order()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        var original = node.Emulator.GetVf(UserspaceVfNode.PfName, 1);

        var add = node.Run("ADD", SimCni.Config(node.Vfs[1], extra: Everything, version: "1.1.0"));
        Assert.True(add.ExitCode == 0, add.ToString());
        var vf = node.Emulator.GetVf(UserspaceVfNode.PfName, 1);
        Assert.Equal((100, 3, VlanProtocol.Dot1AD, MacAddress.Parse("02:00:00:00:00:11")), (vf.Vlan, vf.Qos, vf.VlanProtocol, vf.Mac));
        Assert.Equal((10, 100, false, true, VfLinkState.Enable), (vf.MinTxRateMbps, vf.MaxTxRateMbps, vf.SpoofCheck, vf.Trust, vf.LinkState));
        Assert.Equal(
            ["VLAN 100 QoS 3 proto 802.1ad", "MAC 02:00:00:00:00:11", "rate min 10 max 100 Mbps", "spoofchk off", "trust on", "link state enable"],
            Sets(node));

        // Userspace driver: no move; the result names the interface with the requested MAC and the PCI address.
        var iface = add.Json.GetProperty("interfaces")[0];
        Assert.Equal(("net1", "02:00:00:00:00:11", node.Vfs[1]), (iface.GetProperty("name").GetString(), iface.GetProperty("mac").GetString(), iface.GetProperty("pciID").GetString()));
        Assert.Equal(VfMode.Userspace, node.Journals.Read(new("ctr1", "net1"))!.Mode);

        var before = node.Emulator.Log.Count;
        var del = node.Run("DEL", SimCni.Config(node.Vfs[1]));
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal(original, node.Emulator.GetVf(UserspaceVfNode.PfName, 1));
        Assert.Equal(
            ["VLAN 0", "spoofchk on", "MAC 00:00:00:00:00:00", "trust off", "rate min 0 max 0 Mbps", "link state auto"],
            Sets(node).Skip(before));
        Assert.Null(AllocationRecords.Read(node.Node.Root, node.Vfs[1]));
        Assert.Empty(node.Journals.List());
    }

    [Fact]
    public void Igb_refusing_link_state_rolls_back_every_setting_already_applied()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.Igb);
        var original = node.Emulator.GetVf(UserspaceVfNode.PfName, 0);
        var add = node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":100,"vlanQoS":3,"mac":"02:00:00:00:00:22","spoofchk":"off","trust":"on","max_tx_rate":100,"link_state":"enable"}"""));

        Assert.Equal(105, add.Code);
        Assert.Contains($"set link_state \"enable\" on VF 0 of PF {UserspaceVfNode.PfName} ({node.Vfs[0]})", add.Message, StringComparison.Ordinal);
        Assert.Contains("Operation not supported (EOPNOTSUPP)", add.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback incomplete", add.Message, StringComparison.Ordinal);
        Assert.Equal(original, node.Emulator.GetVf(UserspaceVfNode.PfName, 0));

        // The refused setting is not "restored" (that would fail the same way on igb).
        Assert.Equal(1, node.Emulator.Log.Count(l => l.Contains("link state", StringComparison.Ordinal)));
        Assert.Null(AllocationRecords.Read(node.Node.Root, node.Vfs[0]));
        Assert.Empty(node.Journals.List());
    }

    [Fact]
    public void A_mac_the_driver_answers_ebusy_for_is_retried_until_it_sticks()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        node.Emulator.FailNext(UserspaceVfNode.PfName, VfOperation.Mac, Errno.EBUSY, times: 2);
        var add = node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"mac":"02:00:00:00:00:33"}"""));

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:33"), node.Emulator.GetVf(UserspaceVfNode.PfName, 0).Mac);
        Assert.Equal(
            ["set VF 0 MAC 02:00:00:00:00:33 on ens1f0: Device or resource busy (EBUSY)", "set VF 0 MAC 02:00:00:00:00:33 on ens1f0: Device or resource busy (EBUSY)", "set VF 0 MAC 02:00:00:00:00:33 on ens1f0: ok"],
            node.Emulator.Log);
    }

    [Fact]
    public void A_busy_driver_during_del_keeps_the_journal_and_the_next_del_finishes()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        var original = node.Emulator.GetVf(UserspaceVfNode.PfName, 0);
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":7,"trust":"on"}""")).ExitCode);

        node.Emulator.FailNext(UserspaceVfNode.PfName, VfOperation.Vlan, Errno.EBUSY);
        var del = node.Run("DEL", SimCni.Config(node.Vfs[0]));
        Assert.Equal(11, del.Code);
        Assert.Contains("restore vlan of VF 0 on PF ens1f0", del.Message, StringComparison.Ordinal);
        Assert.Contains("the journal is kept", del.Message, StringComparison.Ordinal);
        Assert.NotNull(node.Journals.Read(new("ctr1", "net1")));
        Assert.NotNull(AllocationRecords.Read(node.Node.Root, node.Vfs[0]));

        Assert.Equal(0, node.Run("DEL", SimCni.Config(node.Vfs[0])).ExitCode);
        Assert.Equal(original, node.Emulator.GetVf(UserspaceVfNode.PfName, 0));
        Assert.Empty(node.Journals.List());
    }

    [Fact]
    public void A_vf_that_no_longer_exists_is_a_permanent_failure_and_del_succeeds()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[1], extra: """{"vlan":7}""")).ExitCode);
        node.Emulator.SetNumVfs(UserspaceVfNode.PfName, 1); // the VF went away (sriov_numvfs rewritten)

        using var stderr = new StringWriter();
        var del = node.Run("DEL", SimCni.Config(node.Vfs[1], extra: """{"logLevel":"debug"}"""));
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Contains("(permanent; skipped)", del.Stderr, StringComparison.Ordinal);
        Assert.Empty(node.Journals.List());
        Assert.Null(AllocationRecords.Read(node.Node.Root, node.Vfs[1]));
    }

    [Fact]
    public void Del_restores_an_admin_mac_a_dpdk_application_changed()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.Mlx5);
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"spoofchk":"off"}""")).ExitCode);
        node.Emulator.SetMac(UserspaceVfNode.PfName, 0, MacAddress.Parse("02:de:ad:be:ef:00")); // set by the pod's DPDK app

        Assert.Equal(0, node.Run("DEL", SimCni.Config(node.Vfs[0])).ExitCode);
        Assert.True(node.Emulator.GetVf(UserspaceVfNode.PfName, 0).Mac.IsZero); // upstream #214: no MAC leaks to the next pod
    }

    [Fact]
    public void Check_passes_after_add_and_names_a_setting_changed_behind_its_back()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        var conf = SimCni.Config(node.Vfs[0], extra: """{"vlan":100,"spoofchk":"off"}""", version: "0.4.0");
        var add = node.Run("ADD", conf);
        Assert.Equal(0, node.Run("CHECK", Netns.AddDelTests.WithPrevResult(conf, add.Stdout)).ExitCode);

        node.Emulator.SetVlan(UserspaceVfNode.PfName, 0, 200);
        var check = node.Run("CHECK", Netns.AddDelTests.WithPrevResult(conf, add.Stdout));
        Assert.Equal(109, check.Code);
        Assert.Contains("vlan/vlanQoS/vlanProto: want 100/0/802.1Q, PF reports 200/0/802.1Q", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reconfiguring_marker_answers_code_11_before_anything_changes()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        ReconfiguringMarker.Set(node.Node.Root, UserspaceVfNode.PfPci, "test", DateTimeOffset.UtcNow);
        var add = node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":100}"""));
        Assert.Equal(11, add.Code);
        Assert.Contains($"PF {UserspaceVfNode.PfName} ({UserspaceVfNode.PfPci}) of VF {node.Vfs[0]} is being reconfigured by the config daemon", add.Message, StringComparison.Ordinal);
        Assert.Empty(node.Emulator.Log);
        Assert.Empty(node.Journals.List());

        ReconfiguringMarker.Clear(node.Node.Root, UserspaceVfNode.PfPci);
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":100}""")).ExitCode);
    }

    [Fact]
    public void A_vf_allocated_to_another_live_attachment_is_refused()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        AllocationRecords.Write(node.Node.Root, new AllocationRecord(node.Vfs[0], UserspaceVfNode.Netns, "other", "net1", null));
        var add = node.Run("ADD", SimCni.Config(node.Vfs[0]));
        Assert.Equal(102, add.Code);
        Assert.Contains($"VF {node.Vfs[0]} is already allocated to container other interface net1", add.Message, StringComparison.Ordinal);
        Assert.Equal("other", AllocationRecords.Read(node.Node.Root, node.Vfs[0])!.ContainerId);
    }

    [Fact]
    public void A_record_whose_netns_is_gone_is_replaced_as_upstream_does()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        AllocationRecords.Write(node.Node.Root, new AllocationRecord(node.Vfs[0], "/run/netns/s5-gone-" + Guid.NewGuid().ToString("N"), null, null, null));
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[0])).ExitCode);
        var record = AllocationRecords.Read(node.Node.Root, node.Vfs[0])!;
        Assert.Equal(("ctr1", "net1", UserspaceVfNode.Netns), (record.ContainerId, record.IfName, record.NetnsPath));
    }

    [Fact]
    public void A_second_add_of_the_same_attachment_is_refused_without_touching_the_first()
    {
        using var node = new UserspaceVfNode(VfDriverProfile.IceIavf);
        Assert.Equal(0, node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":5}""")).ExitCode);
        var again = node.Run("ADD", SimCni.Config(node.Vfs[0], extra: """{"vlan":5}"""));
        Assert.Equal(104, again.Code);
        Assert.Contains("DEL it first", again.Message, StringComparison.Ordinal);
        Assert.Equal(5, node.Emulator.GetVf(UserspaceVfNode.PfName, 0).Vlan);
    }

    private static IEnumerable<string> Sets(UserspaceVfNode node) =>
        node.Emulator.Log.Where(l => l.EndsWith(": ok", StringComparison.Ordinal) && l.StartsWith("set VF ", StringComparison.Ordinal))
            .Select(l => l["set VF 0 ".Length..l.LastIndexOf(" on ", StringComparison.Ordinal)]);
}
