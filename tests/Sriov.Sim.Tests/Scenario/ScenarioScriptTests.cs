using Sriov.Host.Netlink;
using Sriov.Host.VfControl;
using Sriov.Sim.Scenario;

namespace Sriov.Sim.Tests.Scenario;

public sealed class ScenarioScriptTests
{
    [Theory]
    [InlineData("discover", "Discover", null, false, 0, 0)]
    [InlineData("numvfs 7", "NumVfs", null, false, 7, 0)]
    [InlineData("numvfs-raw 9", "NumVfsRaw", null, false, 9, 0)]
    [InlineData("bind 3 vfio-pci", "Bind", 3, false, 0, 0)]
    [InlineData("bind-default pf", "BindDefault", null, true, 0, 0)]
    [InlineData("unbind pf", "Unbind", null, true, 0, 0)]
    [InlineData("wait-netdev 1", "WaitNetdev", 1, false, 0, 0)]
    [InlineData("vf-vlan 0 100", "VfVlan", 0, false, 100, 0)]
    [InlineData("vf-vlan 0 100 qos 3", "VfVlan", 0, false, 100, 3)]
    [InlineData("vf-rate 2 10 200", "VfRate", 2, false, 10, 200)]
    [InlineData("mtu 0 9000", "Mtu", 0, false, 9000, 0)]
    [InlineData("pf-down", "PfDown", null, false, 0, 0)]
    [InlineData("wait-carrier", "WaitCarrier", null, false, 0, 0)]
    [InlineData("link-up 1", "LinkUp", 1, false, 0, 0)]
    [InlineData("move-home 1", "MoveHome", 1, false, 0, 0)]
    [InlineData("vf-get 5", "VfGet", 5, false, 0, 0)]
    public void A_line_becomes_its_operation(string line, string kind, int? vf, bool onPf, int number, int number2)
    {
        var op = Assert.Single(ScenarioScript.Parse("t", line).Ops);

        Assert.Equal((Enum.Parse<ScenarioOpKind>(kind), vf, onPf, number, number2, line), (op.Kind, op.Vf, op.OnPf, op.Number, op.Number2, op.Text));
    }

    [Fact]
    public void Words_settings_and_addresses_are_parsed()
    {
        var ops = ScenarioScript.Parse("t", """
            # a comment line, then a blank one

            vf-mac 1 02:11:22:33:44:55     # trailing comment
            vf-vlan 0 5 proto 802.1ad qos 1
            vf-spoofchk 0 off
            vf-trust 0 on
            vf-state 0 disable
            vf-node-guid 0 00:11:22:33:44:55:66:77
            netns-add a
            move 0 a as pod1
            rename 1 net9
            link-mac 0 02:00:00:00:00:09
            """).Ops;

        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12], ops.Select(o => o.Line));
        Assert.Equal(("vf-mac 1 02:11:22:33:44:55", MacAddress.Parse("02:11:22:33:44:55")), (ops[0].Text, ops[0].Mac));
        Assert.Equal((5, 1, (VlanProtocol?)VlanProtocol.Dot1AD), (ops[1].Number, ops[1].Number2, ops[1].Protocol));
        Assert.Equal((false, true), (ops[2].Flag, ops[3].Flag));
        Assert.Equal(VfLinkState.Disable, ops[4].LinkState);
        Assert.Equal(0x0011223344556677UL, ops[5].Guid);
        Assert.Equal("a", ops[6].Word);
        Assert.Equal(("a", "pod1"), (ops[7].Word, ops[7].NewName));
        Assert.Equal("net9", ops[8].Word);
        Assert.Equal(MacAddress.Parse("02:00:00:00:00:09"), ops[9].Mac);
    }

    [Theory]
    [InlineData("frobnicate 1", "line 1 ('frobnicate 1'): unknown operation 'frobnicate'")]
    [InlineData("numvfs", "'numvfs' takes 1 argument(s), got 0")]
    [InlineData("numvfs two", "VF count 'two' is not a number from 0 to 65535")]
    [InlineData("numvfs-raw 1 2", "'numvfs-raw' takes 1 argument(s), got 2")]
    [InlineData("vf-mac pf 02:00:00:00:00:01", "this operation takes a VF number, not 'pf'")]
    [InlineData("vf-mac 0 02:00:00:00:01", "'02:00:00:00:01' is not a MAC address")]
    [InlineData("vf-vlan 0 4096", "VLAN '4096' is not a number from 0 to 4095")]
    [InlineData("vf-vlan 0 1 qos 8", "QoS '8' is not a number from 0 to 7")]
    [InlineData("vf-vlan 0 1 proto 802.1x", "proto '802.1x' is neither 802.1Q nor 802.1ad")]
    [InlineData("vf-vlan 0 1 qos", "'qos' needs a value")]
    [InlineData("vf-trust 0 yes", "'yes' is neither on nor off")]
    [InlineData("vf-state 0 up", "link state 'up' is not auto, enable or disable")]
    [InlineData("vf-port-guid 0 11:22", "'11:22' is not a GUID")]
    [InlineData("move 0 a to b", "'move' takes VF NS [as NAME]")]
    [InlineData("rename 0 much-too-long", "interface name 'much-too-long' must be 1-10 letters, digits and '-'")]
    [InlineData("netns-add a/b", "namespace name 'a/b' must be")]
    [InlineData("mtu 0 60", "MTU '60' is not a number from 68 to 65535")]
    [InlineData("bind 0 vfio/pci", "'vfio/pci' is not a driver name")]
    public void A_wrong_line_is_refused_naming_the_script_line_and_problem(string line, string message)
    {
        var e = Assert.Throws<FormatException>(() => ScenarioScript.Parse("mine", "discover\n" + line));

        Assert.StartsWith($"scenario mine line 2 ('{line}'): ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message.Replace("line 1 ('frobnicate 1'): ", "", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void A_script_without_operations_is_refused(string text)
    {
        Assert.Contains("has no operations", Assert.Throws<FormatException>(() => ScenarioScript.Parse("empty", text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_built_in_script_parses_and_each_runs_in_exactly_one_boot()
    {
        Assert.Empty(BuiltinScenarios.Plain.Intersect(BuiltinScenarios.Iommu));
        foreach (var name in BuiltinScenarios.Names)
        {
            Assert.NotEmpty(BuiltinScenarios.Get(name).Ops);
        }

        Assert.Contains("no built-in scenario 'nope'", Assert.Throws<ArgumentException>(() => BuiltinScenarios.Text("nope")).Message, StringComparison.Ordinal);
    }
}
