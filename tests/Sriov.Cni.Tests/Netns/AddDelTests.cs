using System.Net;
using System.Text.Json;
using Sriov.Cni.Tests.Support;
using Sriov.Host.Namespaces;
using Sriov.Host.Netlink;
using Sriov.Sim.Capture;

namespace Sriov.Cni.Tests.Netns;

/// <summary>ADD, CHECK and DEL on the simulated node's veth VFs with Debian's IPAM plugins, in-process.</summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class AddDelTests : IDisposable
{
    private readonly SimCni _sim = new(vfs: 2);

    [Fact]
    public void Add_check_del_with_host_local_moves_the_vf_in_and_back_unchanged()
    {
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());

        var add = _sim.Run("ADD", conf, pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        var result = add.Json;
        var iface = result.GetProperty("interfaces")[0];
        Assert.Equal(("net1", before.Mac.ToString(), before.Mtu, pod), (iface.GetProperty("name").GetString(), iface.GetProperty("mac").GetString(), iface.GetProperty("mtu").GetInt32(), iface.GetProperty("sandbox").GetString()));
        Assert.False(iface.TryGetProperty("pciID", out _)); // a 1.1.0 field
        var ip = result.GetProperty("ips")[0];
        Assert.Equal(("10.77.0.2/24", "10.77.0.1", 0), (ip.GetProperty("address").GetString(), ip.GetProperty("gateway").GetString(), ip.GetProperty("interface").GetInt32()));
        Assert.Equal("10.78.0.0/16", result.GetProperty("routes")[0].GetProperty("dst").GetString());

        Assert.Null(_sim.HostLink(0));
        var inPod = SimCni.PodLink(pod, "net1")!;
        Assert.True(inPod.IsUp);
        Assert.Equal(before.Mac, inPod.Mac);
        Assert.Contains("10.77.0.2/24", SimCni.PodAddresses(pod, "net1"));
        Assert.Contains("10.78.0.0/16 via 10.77.0.1 dev net1", SimCni.PodRoutes(pod), StringComparison.Ordinal);
        Assert.True(_sim.HasRecord(0));
        Assert.True(File.Exists(Path.Join(_sim.IpamDir, "sriov-net", "10.77.0.2")));

        var check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.True(check.ExitCode == 0, check.ToString());

        var del = _sim.Run("DEL", conf, pod);
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.False(_sim.HasRecord(0));
        Assert.Null(_sim.Journals.Read(new("ctr1", "net1")));
        Assert.False(File.Exists(Path.Join(_sim.IpamDir, "sriov-net", "10.77.0.2")));
        Assert.Empty(_sim.Node.Rejections);
    }

    [Fact]
    public void Static_ipam_with_ipv4_and_ipv6_addresses_and_routes_in_a_1_1_0_result()
    {
        var pod = _sim.NewPod();
        var ipam = """{"type":"static","addresses":[{"address":"10.79.0.5/24","gateway":"10.79.0.1"},{"address":"fd00:79::5/64","gateway":"fd00:79::1"}],"routes":[{"dst":"10.80.0.0/16","gw":"10.79.0.1"},{"dst":"fd00:80::/48"}]}""";
        var conf = SimCni.Config(_sim.Vfs[1], ipam, version: "1.0.0");

        var add = _sim.Run("ADD", conf, pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        var addresses = SimCni.PodAddresses(pod, "net1");
        Assert.Contains("10.79.0.5/24", addresses);
        Assert.Contains("fd00:79::5/64", addresses);
        Assert.Contains("10.80.0.0/16 via 10.79.0.1 dev net1", SimCni.PodRoutes(pod), StringComparison.Ordinal);
        Assert.Contains("fd00:80::/48 via fd00:79::1 dev net1", SimCni.PodRoutes(pod, "-6"), StringComparison.Ordinal); // no gw: the first IPv6 gateway, as upstream

        // The route without "gw" is found by CHECK with the gateway ADD used (host-device fails here, real-clients.md §1.1).
        var check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.True(check.ExitCode == 0, check.ToString());

        Assert.Equal(0, _sim.Run("DEL", conf, pod).ExitCode);
        Assert.Equal(_sim.VfName(1), _sim.HostLink(1)!.Name);
    }

    [Fact]
    public void A_1_1_0_result_reports_the_pci_id()
    {
        var pod = _sim.NewPod();
        var add = _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], version: "1.1.0"), pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        var iface = add.Json.GetProperty("interfaces")[0];
        Assert.Equal(_sim.Vfs[0], iface.GetProperty("pciID").GetString());
        Assert.False(add.Json.TryGetProperty("ips", out _));
    }

    [Fact]
    public void Del_twice_succeeds_and_the_second_does_nothing()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);
        Assert.Equal(0, _sim.Run("DEL", conf, pod).ExitCode);
        var second = _sim.Run("DEL", conf, pod);
        Assert.Equal((0, string.Empty), (second.ExitCode, second.Stdout));
        Assert.Equal(_sim.VfName(0), _sim.HostLink(0)!.Name);

        // containerd's second DEL comes with an empty CNI_NETNS.
        Assert.Equal(0, _sim.Run("DEL", conf, string.Empty).ExitCode);
    }

    [Fact]
    public void Del_after_the_netns_was_deleted_restores_the_returned_vf()
    {
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);

        // The application changed MTU and MAC inside the pod; then the pod's netns goes away before DEL.
        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "mtu", "1400", "address", "02:12:34:56:78:9a");
        _sim.DeletePod(pod);

        // The simulator re-creates the VF after its monitor sees the netns go; allow for a loaded machine.
        var del = _sim.Run("DEL", conf, pod, returnWait: TimeSpan.FromSeconds(10));
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.False(_sim.HasRecord(0));
        Assert.Null(_sim.Journals.Read(new("ctr1", "net1")));
        Assert.False(File.Exists(Path.Join(_sim.IpamDir, "sriov-net", "10.77.0.2"))); // IPAM released although the netns was gone
    }

    [Fact]
    public void Del_with_an_empty_netns_still_finds_the_pod_from_the_journal()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0]);
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);
        Assert.Equal(0, _sim.Run("DEL", conf, string.Empty).ExitCode);
        Assert.Equal(_sim.VfName(0), _sim.HostLink(0)!.Name);
        Assert.Null(SimCni.PodLink(pod, "net1"));
    }

    [Fact]
    public void An_interface_name_already_in_the_pod_is_refused_with_nothing_changed()
    {
        var pod = _sim.NewPod();
        Shell.Ip("-n", SimCni.PodName(pod), "link", "add", "net1", "type", "veth", "peer", "name", "other");
        var existing = SimCni.PodLink(pod, "net1")!;

        var add = _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], _sim.HostLocal()), pod);
        Assert.Equal(104, add.Code);
        Assert.Contains("interface net1 already exists in netns " + pod, add.Message, StringComparison.Ordinal);
        Assert.Equal(_sim.VfName(0), _sim.HostLink(0)!.Name);
        Assert.Equal(existing.Mac, SimCni.PodLink(pod, "net1")!.Mac);
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
        Assert.False(Directory.Exists(Path.Join(_sim.IpamDir, "sriov-net")));
    }

    [Fact]
    public void A_failing_ipam_leaves_the_host_unchanged_and_is_released_before_the_error()
    {
        using var ipam = new FakeIpam { Mode = "fail" };
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var add = _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], $$"""{"type":"{{FakeIpam.Type}}"}"""), pod, path: ipam.Path);

        Assert.Equal(107, add.Code);
        Assert.Contains("IPAM plugin \"fake-ipam\"", add.Message, StringComparison.Ordinal);
        Assert.Contains("pool exhausted", add.Message, StringComparison.Ordinal);
        Assert.Equal(["ADD ctr1 net1", "DEL ctr1 net1"], ipam.Calls); // the CNI spec: DEL the delegate before failing
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.False(_sim.HasRecord(0));
        Assert.Empty(_sim.Journals.List());
    }

    [Fact]
    public void A_pf_side_setting_on_a_pf_without_vf_netlink_support_is_code_2_with_nothing_changed()
    {
        var pod = _sim.NewPod();
        var add = _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], extra: """{"vlan":100}"""), pod);
        Assert.Equal(2, add.Code);
        Assert.Contains("vlan 100 cannot be honoured", add.Message, StringComparison.Ordinal);
        Assert.Contains($"VF {_sim.Vfs[0]} (VF 0 of PF {_sim.PfName})", add.Message, StringComparison.Ordinal);
        Assert.Equal(_sim.VfName(0), _sim.HostLink(0)!.Name);
        Assert.Empty(_sim.Journals.List());
        Assert.False(_sim.HasRecord(0));
    }

    [Fact]
    public void Check_finds_a_missing_address_and_a_vf_that_left_the_pod()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());
        var add = _sim.Run("ADD", conf, pod);
        Shell.Ip("-n", SimCni.PodName(pod), "addr", "del", "10.77.0.2/24", "dev", "net1");
        var check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.Equal(109, check.Code);
        Assert.Contains("address 10.77.0.2/24 missing on net1", check.Message, StringComparison.Ordinal);

        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "name", "moved");
        check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.Contains($"interface net1 is missing in netns {pod}", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_finds_a_changed_mac_and_a_deleted_route()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());
        var add = _sim.Run("ADD", conf, pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        var mac = add.Json.GetProperty("interfaces")[0].GetProperty("mac").GetString();

        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "address", "02:5e:00:00:0c:01");
        var check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.Equal(109, check.Code);
        Assert.Contains($"container ctr1 interface net1 (VF {_sim.Vfs[0]} of PF {_sim.PfName}): net1 has MAC 02:5e:00:00:0c:01, want {mac}", check.Message, StringComparison.Ordinal);

        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "address", mac!);
        Shell.Ip("-n", SimCni.PodName(pod), "route", "del", "10.78.0.0/16");
        check = _sim.Run("CHECK", WithPrevResult(conf, add.Stdout), pod);
        Assert.Equal(109, check.Code);
        Assert.Contains("route 10.78.0.0/16 via 10.77.0.1 missing on net1", check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("has MAC", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_turns_on_the_announcement_knobs_and_the_network_hears_the_addresses()
    {
        var pod = _sim.NewPod();
        var ipam = """{"type":"static","addresses":[{"address":"10.81.0.5/24"},{"address":"fd00:81::5/64"}]}""";

        // Listen where the VF's traffic goes: its veth peer, in the simulated node's own netns.
        using var node = NetNs.Open("/run/netns/" + _sim.Node.Netns);
        using var nodeRtnl = RouteNetlink.OpenIn(node);
        var peer = nodeRtnl.GetLinks().Single(l => l.Name == "p00000180"); // 0000:01:10.0's peer
        using var capture = PacketCapture.Open(node, peer.Index);

        var add = _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], ipam), pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        foreach (var knob in new[] { "ipv4/conf/net1/arp_notify", "ipv6/conf/net1/ndisc_notify", "ipv6/conf/net1/optimistic_dad" })
        {
            Assert.Equal("1", Shell.Check("ip", "netns", "exec", SimCni.PodName(pod), "cat", "/proc/sys/net/" + knob).Trim());
        }

        var mac = SimCni.PodLink(pod, "net1")!.Mac!.Value.ToArray();
        var ip4 = new byte[] { 10, 81, 0, 5 };
        var ip6 = IPAddress.Parse("fd00:81::5").GetAddressBytes();
        bool IsGarp(byte[] f) => PacketCapture.IsArp(f) && f.AsSpan(20, 2).SequenceEqual(new byte[] { 0, 1 })
            && f.AsSpan(22, 6).SequenceEqual(mac) && f.AsSpan(28, 4).SequenceEqual(ip4) && f.AsSpan(38, 4).SequenceEqual(ip4);
        bool IsNa(byte[] f) => PacketCapture.IsNeighborAdvertisement(f) && f.AsSpan(62, 16).SequenceEqual(ip6);
        var frames = capture.Receive(f => f.Any(IsGarp) && f.Any(IsNa), TimeSpan.FromSeconds(3));
        var (garp, na) = (frames.Any(IsGarp), frames.Any(IsNa));

        Assert.True(garp, "no gratuitous ARP for 10.81.0.5 from the VF's MAC");
        Assert.True(na, "no unsolicited neighbour advertisement for fd00:81::5");
    }

    [Fact]
    public void Del_drops_altnames_added_in_the_pod_before_the_vf_goes_home()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0]);
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);
        var alt = "alt" + _sim.Node.Token + "x";
        Shell.Ip("-n", SimCni.PodName(pod), "link", "property", "add", "dev", "net1", "altname", alt);

        Assert.Equal(0, _sim.Run("DEL", conf, pod).ExitCode);
        var back = _sim.HostLink(0)!;
        Assert.Equal(_sim.VfName(0), back.Name);
        Assert.DoesNotContain(alt, back.AltNames);
    }

    [Fact]
    public void A_host_name_taken_while_the_vf_was_away_gives_a_fallback_name_and_del_succeeds()
    {
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal(), extra: """{"logLevel":"debug"}""");
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);
        var hostName = _sim.VfName(0);
        Shell.Ip("link", "add", hostName, "type", "veth", "peer", "name", "y" + _sim.Node.Token);
        _sim.TrackHostLink(hostName);

        var del = _sim.Run("DEL", conf, pod);
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.True(del.Stderr.Contains($"host name {hostName} is taken on the host; the VF netdev is back as sv000001100", StringComparison.Ordinal), del.Stderr);
        Assert.Equal("sv000001100", _sim.HostLink(0)!.Name);
        _sim.TrackHostLink("sv000001100");
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.Empty(_sim.Journals.List());
        Assert.False(_sim.HasRecord(0));
        Assert.False(File.Exists(Path.Join(_sim.IpamDir, "sriov-net", "10.77.0.2")));
    }

    [Fact]
    public async Task A_closed_stdin_is_answered_with_code_5_on_stdout_not_a_crash()
    {
        var binary = await CniBinary.PathAsync();
        var (exit, stdout, stderr) = Shell.Run("sh", "-c", "CNI_COMMAND=ADD CNI_CONTAINERID=c CNI_NETNS=/proc/self/ns/net CNI_IFNAME=net1 CNI_PATH=/usr/lib/cni exec \"$0\" <&-", binary);

        var output = new CniOutput(exit, stdout, stderr);
        Assert.Equal(1, exit);
        Assert.Equal(5, output.Code);
        Assert.Contains("cannot read the network configuration from stdin", output.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _sim.Dispose();

    internal static string WithPrevResult(string conf, string result)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(conf)!.AsObject();
        node["prevResult"] = System.Text.Json.Nodes.JsonNode.Parse(result);
        return node.ToJsonString(new JsonSerializerOptions());
    }
}
