using Sriov.Cni.Tests.Support;
using Sriov.Host.Ownership;
using Sriov.Sim.VfDriver;

namespace Sriov.Cni.Tests.PfSide;

/// <summary>
/// What the plugin asks its IPAM delegate, per command (a fake delegate records the calls): CHECK, STATUS and GC
/// forwarded to a delegate that speaks 1.1.0, GC of stale attachments, and a DEL whose IPAM release fails.
/// </summary>
public sealed class DelegationTests : IDisposable
{
    private readonly UserspaceVfNode _node = new(VfDriverProfile.IceIavf);
    private readonly FakeIpam _ipam = new();

    [Fact]
    public void Add_and_check_call_the_delegate_and_the_result_carries_its_dns()
    {
        var conf = Conf("1.1.0");
        var add = Run("ADD", conf);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("10.99.0.53", add.Json.GetProperty("dns").GetProperty("nameservers")[0].GetString());
        Assert.Equal(0, Run("CHECK", Netns.AddDelTests.WithPrevResult(conf, add.Stdout)).ExitCode);
        Assert.Equal(["ADD ctr1 net1", "CHECK ctr1 net1"], _ipam.Calls);
    }

    [Fact]
    public void Status_asks_a_1_1_delegate_and_reports_its_failure_as_code_50()
    {
        Assert.Equal(0, Run("STATUS", Conf("1.1.0")).ExitCode);
        Assert.Equal(["VERSION", "STATUS"], _ipam.Calls.Select(c => c.Split(' ')[0]));

        File.WriteAllText(Path.Join(_ipam.Directory, Sriov.Cni.Tests.Support.FakeIpam.Type), File.ReadAllText(Path.Join(_ipam.Directory, FakeIpam.Type))
            .Replace("  VERSION)", "  STATUS) echo '{\"code\":50,\"msg\":\"store offline\"}'; exit 1;;\n  VERSION)", StringComparison.Ordinal));
        var status = Run("STATUS", Conf("1.1.0"));
        Assert.Equal(50, status.Code);
        Assert.Contains("IPAM plugin fake-ipam is not ready", status.Message, StringComparison.Ordinal);
        Assert.Contains("store offline", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gc_forwards_to_a_1_1_delegate_and_restores_the_stale_vf_without_a_per_attachment_del()
    {
        Assert.Equal(0, Run("ADD", Conf("1.1.0", _node.Vfs[0], """{"vlan":5}"""), "keep").ExitCode);
        Assert.Equal(0, Run("ADD", Conf("1.1.0", _node.Vfs[1], """{"vlan":6}"""), "stale").ExitCode);
        var gc = Conf("1.1.0", _node.Vfs[0], """{"cni.dev/valid-attachments":[{"containerID":"keep","ifname":"net1"}]}""");

        var output = Run("GC", gc, string.Empty, string.Empty);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(0, _node.Emulator.GetVf(UserspaceVfNode.PfName, 1).Vlan);
        Assert.Equal(5, _node.Emulator.GetVf(UserspaceVfNode.PfName, 0).Vlan);
        Assert.Null(AllocationRecords.Read(_node.Node.Root, _node.Vfs[1]));
        Assert.Equal(["keep-net1"], _node.Journals.List());
        Assert.Contains("GC  ", _ipam.Calls);
        Assert.DoesNotContain("DEL stale net1", _ipam.Calls);
    }

    [Fact]
    public void A_failing_ipam_release_keeps_the_journal_and_answers_try_again()
    {
        Assert.Equal(0, Run("ADD", Conf("1.0.0")).ExitCode);
        _ipam.Mode = "faildel";
        var del = Run("DEL", Conf("1.0.0"));
        Assert.Equal(11, del.Code);
        Assert.Contains($"release IPAM of container ctr1 interface net1 on VF {_node.Vfs[0]} (VF 0 of PF {UserspaceVfNode.PfName})", del.Message, StringComparison.Ordinal);
        Assert.Contains("store busy", del.Message, StringComparison.Ordinal);
        Assert.NotNull(_node.Journals.Read(new("ctr1", "net1")));

        _ipam.Mode = "ok";
        Assert.Equal(0, Run("DEL", Conf("1.0.0")).ExitCode);
        Assert.Empty(_node.Journals.List());
        Assert.Equal(3, _ipam.Calls.Count); // ADD, the failed DEL, the DEL that worked
    }

    public void Dispose()
    {
        _ipam.Dispose();
        _node.Dispose();
    }

    private string Conf(string version, string? vf = null, string extra = "{}") =>
        SimCni.Config(vf ?? _node.Vfs[0], $$"""{"type":"{{FakeIpam.Type}}"}""", extra, version);

    private CniOutput Run(string command, string conf, string containerId = "ctr1", string ifName = "net1") =>
        InProcess.Run(_node.Context(), InProcess.Env(command, containerId, ifName, UserspaceVfNode.Netns, _ipam.Path), conf);
}
