using System.Text;
using Sriov.Cni.Config;
using Sriov.Cni.Journal;
using Sriov.Cni.Tests.Support;
using Sriov.Host.Locks;
using Sriov.Host.Namespaces;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;

namespace Sriov.Cni.Tests.Netns;

/// <summary>
/// Who owns a VF (ARCHITECTURE.md): concurrent ADDs, a userspace-driver VF, GC of stale attachments, a VF that comes
/// back late from a deleted netns, and caches and records left by upstream sriov-cni before an in-place upgrade.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class OwnershipTests : IDisposable
{
    private readonly SimCni _sim = new(vfs: 2, iommu: true);

    [Fact]
    public async Task Two_concurrent_adds_on_one_vf_give_it_to_exactly_one_pod()
    {
        var binary = await CniBinary.PathAsync();
        var pods = new[] { _sim.NewPod(), _sim.NewPod() };
        var conf = SimCni.Config(_sim.Vfs[0], _sim.HostLocal());
        using var go = new ManualResetEventSlim();
        var runs = pods.Select((pod, i) => Task.Run(() =>
        {
            go.Wait();
            return _sim.Exec(binary, "ADD", conf, pod, containerId: $"ctr{i}");
        })).ToArray();
        go.Set();
        var results = await Task.WhenAll(runs);

        var winner = Array.FindIndex(results, r => r.ExitCode == 0);
        Assert.True(winner >= 0, string.Join("\n", results.Select(r => r.ToString())));
        var loser = 1 - winner;
        Assert.Equal(102, results[loser].Code);
        Assert.Contains($"is already allocated to container ctr{winner} interface net1", results[loser].Message, StringComparison.Ordinal);
        Assert.NotNull(SimCni.PodLink(pods[winner], "net1"));
        Assert.Null(SimCni.PodLink(pods[loser], "net1"));

        // The runtime DELs the failed attachment: that must not touch the winner's VF.
        Assert.Equal(0, _sim.Exec(binary, "DEL", conf, pods[loser], containerId: $"ctr{loser}").ExitCode);
        Assert.NotNull(SimCni.PodLink(pods[winner], "net1"));
        Assert.Equal($"ctr{winner}", AllocationRecords.Read(_sim.Root, _sim.Vfs[0])!.ContainerId);

        Assert.Equal(0, _sim.Exec(binary, "DEL", conf, pods[winner], containerId: $"ctr{winner}").ExitCode);
        Assert.Equal(_sim.VfName(0), _sim.HostLink(0)!.Name);
    }

    [Fact]
    public async Task A_vfio_pci_vf_is_attached_without_a_move_and_released()
    {
        var vf = PciAddress.Parse(_sim.Vfs[1]);
        Assert.True(await new PciControl(_sim.Root, TimeProvider.System).BindDriverAsync(vf, "vfio-pci"));
        await _sim.Node.WaitIdleAsync();
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[1], _sim.HostLocal(), version: "1.0.0");

        var add = _sim.Run("ADD", conf, pod);
        Assert.True(add.ExitCode == 0, add.ToString());
        var journal = _sim.Journals.Read(new("ctr1", "net1"))!;
        Assert.Equal((VfMode.Userspace, "vfio-pci"), (journal.Mode, journal.Driver));
        Assert.Equal("10.77.0.2/24", add.Json.GetProperty("ips")[0].GetProperty("address").GetString()); // allocated and reported, not applied
        Assert.Null(SimCni.PodLink(pod, "net1"));
        Assert.True(_sim.HasRecord(1));

        Assert.Equal(0, _sim.Run("DEL", conf, pod).ExitCode);
        Assert.False(_sim.HasRecord(1));
        Assert.False(File.Exists(Path.Join(_sim.IpamDir, "sriov-net", "10.77.0.2")));
        Assert.Equal("vfio-pci", new PciDiscovery(_sim.Root).Discover(vf)!.Driver);
    }

    [Fact]
    public void Gc_restores_the_vfs_of_attachments_not_in_the_valid_list_and_skips_locked_ones()
    {
        var pods = new[] { _sim.NewPod(), _sim.NewPod() };
        var confs = new[] { SimCni.Config(_sim.Vfs[0], _sim.HostLocal()), SimCni.Config(_sim.Vfs[1], _sim.HostLocal()) };
        Assert.Equal(0, _sim.Run("ADD", confs[0], pods[0], containerId: "keep").ExitCode);
        Assert.Equal(0, _sim.Run("ADD", confs[1], pods[1], containerId: "stale").ExitCode);
        var gc = SimCni.Config(_sim.Vfs[0], version: "1.1.0", extra: """{"cni.dev/valid-attachments":[{"containerID":"keep","ifname":"net1"}]}""");

        // An ADD or DEL holding the stale VF's lock: GC leaves it for the next round.
        using (VfLock.Acquire(_sim.Root, _sim.Vfs[1], TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(0, _sim.Run("GC", gc, string.Empty, containerId: string.Empty, ifName: string.Empty).ExitCode);
            Assert.NotNull(_sim.Journals.Read(new("stale", "net1")));
        }

        var output = _sim.Run("GC", gc, string.Empty, containerId: string.Empty, ifName: string.Empty);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Null(_sim.Journals.Read(new("stale", "net1")));
        Assert.Equal(_sim.VfName(1), _sim.HostLink(1)!.Name);
        Assert.False(_sim.HasRecord(1));
        Assert.Equal(["10.77.0.2"], Leases()); // the stale lease released by an IPAM DEL (Debian's host-local has no GC)

        Assert.NotNull(SimCni.PodLink(pods[0], "net1"));
        Assert.NotNull(_sim.Journals.Read(new("keep", "net1")));
        Assert.True(_sim.HasRecord(0));
    }

    [Fact]
    public void Gc_reads_cni_dev_attachments_when_valid_attachments_is_absent()
    {
        var pods = new[] { _sim.NewPod(), _sim.NewPod() };
        Assert.Equal(0, _sim.Run("ADD", SimCni.Config(_sim.Vfs[0]), pods[0], containerId: "keep").ExitCode);
        Assert.Equal(0, _sim.Run("ADD", SimCni.Config(_sim.Vfs[1]), pods[1], containerId: "stale").ExitCode);
        var gc = SimCni.Config(_sim.Vfs[0], version: "1.1.0", extra: """{"cni.dev/attachments":[{"containerID":"keep","ifname":"net1"}]}""");

        var output = _sim.Run("GC", gc, string.Empty, containerId: string.Empty, ifName: string.Empty);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Null(_sim.Journals.Read(new("stale", "net1")));
        Assert.Null(SimCni.PodLink(pods[1], "net1"));
        Assert.Equal(_sim.VfName(1), _sim.HostLink(1)!.Name);
        Assert.False(_sim.HasRecord(1));
        Assert.NotNull(SimCni.PodLink(pods[0], "net1"));
        Assert.NotNull(_sim.Journals.Read(new("keep", "net1")));
    }

    [Fact]
    public async Task Gc_completes_a_journal_awaiting_a_vf_that_has_come_back()
    {
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0]);
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);

        // The VF is held elsewhere while the pod's netns is deleted (as the kernel does during cleanup): DEL leaves
        // the journal awaiting its return.
        var limbo = _sim.NewPod();
        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "netns", SimCni.PodName(limbo));
        _sim.DeletePod(pod);
        await _sim.Node.WaitIdleAsync();
        Assert.Equal(0, _sim.Run("DEL", conf, pod, returnWait: TimeSpan.FromMilliseconds(200)).ExitCode);
        Assert.True(_sim.Journals.Read(new("ctr1", "net1")) is { Phase: JournalPhase.AwaitingReturn });

        // It comes back under its pod name; GC (the attachment is not valid any more) finishes the restore.
        Shell.Ip("-n", SimCni.PodName(limbo), "link", "set", "net1", "netns", "1");
        _sim.TrackHostLink("net1");
        await _sim.Node.WaitIdleAsync();
        var gc = SimCni.Config(_sim.Vfs[0], version: "1.1.0", extra: """{"cni.dev/valid-attachments":[]}""");
        var output = _sim.Run("GC", gc, string.Empty, containerId: string.Empty, ifName: string.Empty);
        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Empty(_sim.Journals.List());
        Assert.False(_sim.HasRecord(0));
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
    }

    [Fact]
    public void Gc_leaves_journals_of_other_networks_alone()
    {
        var pod = _sim.NewPod();
        Assert.Equal(0, _sim.Run("ADD", SimCni.Config(_sim.Vfs[0], extra: """{"name":"other-net"}"""), pod).ExitCode);
        var gc = SimCni.Config(_sim.Vfs[0], version: "1.1.0", extra: """{"cni.dev/valid-attachments":[]}""");
        Assert.Equal(0, _sim.Run("GC", gc, string.Empty, containerId: string.Empty, ifName: string.Empty).ExitCode);
        Assert.NotNull(SimCni.PodLink(pod, "net1"));
        Assert.NotNull(_sim.Journals.Read(new("ctr1", "net1")));
    }

    [Fact]
    public async Task A_vf_not_back_from_a_deleted_netns_is_finished_by_the_next_add_on_it()
    {
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        var conf = SimCni.Config(_sim.Vfs[0], extra: """{"logLevel":"debug"}""");
        Assert.Equal(0, _sim.Run("ADD", conf, pod).ExitCode);

        // Hold the VF elsewhere (as the kernel does while a dying netns is cleaned up), then delete the pod.
        var limbo = _sim.NewPod();
        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "netns", SimCni.PodName(limbo));
        _sim.DeletePod(pod);
        await _sim.Node.WaitIdleAsync(); // the kernel's sysfs follows at once; the simulator's after a resync

        var del = _sim.Run("DEL", conf, pod, returnWait: TimeSpan.FromMilliseconds(300));
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.True(_sim.Journals.Read(new("ctr1", "net1")) is { Phase: JournalPhase.AwaitingReturn }, del.ToString());
        Assert.True(_sim.HasRecord(0)); // still points at the journal that owes the VF its name back

        // The kernel returns it under its pod name; the next ADD on the VF finishes the restore, then proceeds.
        Shell.Ip("-n", SimCni.PodName(limbo), "link", "set", "net1", "netns", "1");
        _sim.TrackHostLink("net1");
        var next = _sim.NewPod();
        var add = _sim.Run("ADD", conf, next, containerId: "ctr2");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Null(_sim.Journals.Read(new("ctr1", "net1")));
        Assert.Equal(before.Mac.ToString(), add.Json.GetProperty("interfaces")[0].GetProperty("mac").GetString());
        Assert.Equal(0, _sim.Run("DEL", conf, next, containerId: "ctr2").ExitCode);
        Assert.Equal((before.Name, before.Mac), (_sim.HostLink(0)!.Name, _sim.HostLink(0)!.Mac));
    }

    [Fact]
    public void A_late_del_after_the_vf_went_to_another_pod_releases_only_its_ipam()
    {
        // ctr1's attachment (its journal, its IPAM lease), while the allocation record already names ctr2 in a netns
        // that still exists: the kubelet's DEL for ctr1 came late (sriov-cni #219).
        using var ipam = new FakeIpam();
        var pods = new[] { _sim.NewPod(), _sim.NewPod() };
        var conf = SimCni.Config(_sim.Vfs[0], $$"""{"type":"{{FakeIpam.Type}}"}""");
        Assert.Equal(0, _sim.Run("ADD", conf, pods[0], path: ipam.Path).ExitCode);
        var vf = SimCni.PodLink(pods[0], "net1")!;
        ulong inode;
        using (var ns = NetNs.Open(pods[1]))
        {
            inode = ns.Inode;
        }

        var ctr2 = new AllocationRecord(_sim.Vfs[0], pods[1], "ctr2", "net1", inode);
        AllocationRecords.Write(_sim.Root, ctr2);

        var del = _sim.Run("DEL", conf, pods[0], path: ipam.Path);
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal(["ADD ctr1 net1", "DEL ctr1 net1"], ipam.Calls); // ctr1's lease released
        Assert.Null(_sim.Journals.Read(new("ctr1", "net1")));
        Assert.Equal(ctr2, AllocationRecords.Read(_sim.Root, _sim.Vfs[0])); // still ctr2's
        var untouched = SimCni.PodLink(pods[0], "net1"); // the VF: not moved, renamed, reset or taken down
        Assert.NotNull(untouched);
        Assert.Equal((vf.Index, vf.Mac, vf.Mtu, vf.IsUp), (untouched.Index, untouched.Mac, untouched.Mtu, untouched.IsUp));
        Assert.Null(_sim.HostLink(0));
    }

    [Fact]
    public void Del_of_a_pod_created_by_upstream_sriov_cni_restores_its_vf()
    {
        // What upstream leaves after ADD: the VF in the pod as net1 with the requested MAC, its cache, and a record
        // holding only the netns path (spec cni.md §2.2, §2.7).
        var before = _sim.HostLink(0)!;
        var pod = _sim.NewPod();
        Shell.Ip("link", "set", before.Name, "netns", SimCni.PodName(pod));
        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", before.Name, "name", "net1", "address", "60:00:00:00:00:e1");
        Shell.Ip("-n", SimCni.PodName(pod), "link", "set", "net1", "up");
        var cache = $$"""
            {"MAC":"60:00:00:00:00:e1","MTU":{{before.Mtu}},"Master":"{{_sim.PfName}}",
             "OrigVfState":{"AdminMAC":"","EffectiveMAC":"{{before.Mac}}","HostIFName":"{{before.Name}}","LinkState":0,"MTU":{{before.Mtu}},
               "MaxTxRate":0,"MinTxRate":0,"SpoofChk":false,"Trust":false,"Vlan":0,"VlanProto":33024,"VlanQoS":0},
             "VFID":0,"cniVersion":"0.3.1","deviceID":"{{_sim.Vfs[0]}}","ipam":{"type":""},"max_tx_rate":null,"min_tx_rate":null,
             "name":"sriov-net","runtimeConfig":{},"type":"sriov","vlan":null,"vlanProto":null,"vlanQoS":null}
            """;
        Directory.CreateDirectory(Path.Join(_sim.Root.CniState, "pci"));
        File.WriteAllText(Path.Join(_sim.Root.CniState, "upgraded-net1"), cache);
        File.WriteAllText(AllocationRecords.PathFor(_sim.Root, _sim.Vfs[0]), pod);

        var del = _sim.Run("DEL", SimCni.Config(_sim.Vfs[0], version: "0.3.1"), pod, containerId: "upgraded");
        Assert.True(del.ExitCode == 0, del.ToString());
        var after = _sim.HostLink(0)!;
        Assert.Equal((before.Name, before.Mac, before.Mtu), (after.Name, after.Mac, after.Mtu));
        Assert.False(_sim.HasRecord(0));
        Assert.False(File.Exists(Path.Join(_sim.Root.CniState, "upgraded-net1")));
    }

    [Fact]
    public void Our_cache_is_what_upstream_would_read_for_its_del()
    {
        var pod = _sim.NewPod();
        Assert.Equal(0, _sim.Run("ADD", SimCni.Config(_sim.Vfs[0]), pod).ExitCode);
        var text = File.ReadAllText(Path.Join(_sim.Root.CniState, "ctr1-net1"));
        var read = JournalCodec.Read(Encoding.UTF8.GetBytes(text), new Attachment("ctr1", "net1"));
        Assert.Equal((_sim.PfName, 0, _sim.Vfs[0], _sim.VfName(0)), (read.PfName, read.VfIndex, read.DeviceId, read.Original.HostIfName));
        Assert.Equal(pod, File.ReadAllText(AllocationRecords.PathFor(_sim.Root, _sim.Vfs[0]))); // upstream's record format
        Assert.Equal(0, _sim.Run("DEL", SimCni.Config(_sim.Vfs[0]), pod).ExitCode);
    }

    public void Dispose() => _sim.Dispose();

    private string[] Leases() =>
        [.. Directory.EnumerateFiles(Path.Join(_sim.IpamDir, "sriov-net")).Select(Path.GetFileName).Where(n => n!.StartsWith("10.", StringComparison.Ordinal)).Order().Select(n => n!)];
}
