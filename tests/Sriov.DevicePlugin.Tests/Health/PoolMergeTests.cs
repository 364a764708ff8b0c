using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Health;

public class PoolMergeTests
{
    private static readonly PoolConfig Config = ConfigLoader.Parse(
        """{"resourceList":[{"resourceName":"net","selectors":{"pfNames":["ens1f0"],"drivers":["iavf"]}},{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}}]}""",
        "t", "intel.com");

    private static readonly HealthFacts NoFacts = new(new HashSet<string>(), new Dictionary<string, LinkState>(), true);

    private static IReadOnlyList<PoolEntry> Round(IReadOnlyList<PoolEntry> previous, NodeSnapshot snapshot, int pool = 0)
    {
        var selection = PoolBuilder.Build(Config, snapshot);
        var selected = selection.Pools.SelectMany(p => p.Devices).Select(d => d.Id).ToHashSet();
        var facts = NoFacts with { ReconfiguringPfs = snapshot.ReconfiguringPfs };
        return PoolMerge.Merge(previous, selection.Pools[pool], snapshot, selected, facts);
    }

    private static string Show(IReadOnlyList<PoolEntry> entries) =>
        string.Join(" ", entries.Select(e => $"{e.Id[8..]}:{(e.Healthy ? "ok" : e.Presence.ToString())}"));

    private static NodeSnapshot Ens1f0(params Sriov.Host.Sysfs.PciFunction[] vfs) =>
        Functions.Snapshot([Functions.Pf("0000:3b:00.0", "ens1f0", vfs.Length, vfs.Length), .. vfs]);

    [Fact]
    public void An_unbound_device_stays_unhealthy_until_it_is_bound_again()
    {
        var first = Round([], Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)));
        Assert.Equal("01.0:ok 01.1:ok", Show(first));

        var unbound = Round(first, Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1, driver: null)));
        Assert.Equal("01.0:ok 01.1:Unbound", Show(unbound));
        Assert.Equal("01.0:ok 01.1:Unbound", Show(Round(unbound, Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1, driver: null)))));

        var back = Round(unbound, Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)));
        Assert.Equal("01.0:ok 01.1:ok", Show(back));
    }

    [Fact]
    public void A_device_rebound_to_another_driver_moves_to_the_pool_that_selects_it()
    {
        var first = Round([], Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)));
        var moved = Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1, driver: "vfio-pci", iommuGroup: 4));
        Assert.Equal("01.0:ok", Show(Round(first, moved, pool: 0)));
        Assert.Equal("01.1:ok", Show(Round([], moved, pool: 1)));
    }

    [Fact]
    public void A_vanished_device_is_unhealthy_for_one_resync_then_removed()
    {
        var first = Round([], Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)));
        var fewer = Ens1f0(Functions.Vf("0000:3b:00.0", 0));
        var missing = Round(first, fewer);
        Assert.Equal("01.0:ok 01.1:Missing", Show(missing));
        Assert.Equal("01.0:ok", Show(Round(missing, fewer)));
    }

    [Fact]
    public void Vanished_devices_of_a_pf_being_reconfigured_stay_unhealthy_until_the_marker_goes()
    {
        var first = Round([], Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)));
        var marked = Ens1f0() with { ReconfiguringPfs = new HashSet<string> { "0000:3b:00.0" } };
        var during = Round(Round(Round(first, marked), marked), marked);
        Assert.Equal("01.0:Missing 01.1:Missing", Show(during));

        var recreated = Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)) with { ReconfiguringPfs = marked.ReconfiguringPfs };
        var stillMarked = Round(during, recreated);
        Assert.All(stillMarked, e => Assert.Equal((Presence.Present, false, "PF 0000:3b:00.0 is being reconfigured"), (e.Presence, e.Healthy, e.Reason)));
        Assert.Equal("01.0:ok 01.1:ok", Show(Round(stillMarked, Ens1f0(Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1)))));
    }

    [Fact]
    public void Link_events_change_health_without_a_rediscovery()
    {
        var entries = Round([], Ens1f0(Functions.Vf("0000:3b:00.0", 0)));
        var down = PoolMerge.Reevaluate(entries, NoFacts with { Links = new Dictionary<string, LinkState> { ["ens1f0"] = new(true, false) } });
        Assert.Equal((false, "PF netdev ens1f0 has no carrier"), (down[0].Healthy, down[0].Reason));
        Assert.True(PoolMerge.Reevaluate(down, NoFacts).Single().Healthy);
    }

    private static readonly PoolConfig RdmaConfig = ConfigLoader.Parse(
        """{"resourceList":[{"resourceName":"rdma","selectors":{"vendors":["15b3"],"isRdma":true}},{"resourceName":"eth","selectors":{"vendors":["15b3"]}}]}""",
        "t", "intel.com");

    /// <summary>One round of both RDMA-config pools as <see cref="PoolDiscovery"/> runs it (the RDMA memory first).</summary>
    private static IReadOnlyList<PoolEntry>[] RdmaRound(IReadOnlyList<PoolEntry>[] previous, NodeSnapshot snapshot)
    {
        snapshot = snapshot with { MovedRdma = RdmaMemory.Carry(previous.SelectMany(p => p), snapshot) };
        var selection = PoolBuilder.Build(RdmaConfig, snapshot);
        var selected = selection.Pools.SelectMany(p => p.Devices).Select(d => d.Id).ToHashSet();
        return [.. selection.Pools.Select((p, i) => PoolMerge.Merge(previous[i], p, snapshot, selected, NoFacts))];
    }

    private static NodeSnapshot Mlx(Sriov.Host.Sysfs.PciFunction vf1) => Functions.Snapshot(
        Functions.Pf("0000:af:00.0", "ens3f0np0", 2, 2, vendor: "15b3", device: "101b", driver: "mlx5_core"),
        Functions.Vf("0000:af:00.0", 0, driver: "mlx5_core", vendor: "15b3", device: "101c", netdev: "ens3f0v0", rdma: ["mlx5_2"]),
        vf1);

    private static Sriov.Host.Sysfs.PciFunction MlxVf1(string? netdev = "ens3f0v1", string[]? rdma = null, string driver = "mlx5_core") =>
        Functions.Vf("0000:af:00.0", 1, driver: driver, vendor: "15b3", device: "101c", netdev: netdev, rdma: rdma, iommuGroup: 9);

    [Fact]
    public void An_rdma_vf_moved_into_a_pod_in_exclusive_netns_mode_stays_in_its_isrdma_pool()
    {
        var first = RdmaRound([[], []], Mlx(MlxVf1(rdma: ["mlx5_3"])));
        Assert.Equal(("01.0:ok 01.1:ok", ""), (Show(first[0]), Show(first[1])));

        // The CNI moved the VF's netdev and mlx5_3 into the pod: the host's sysfs lists neither.
        var inPod = Mlx(MlxVf1(netdev: null));
        var during = RdmaRound(RdmaRound(first, inPod), inPod);
        Assert.Equal(("01.0:ok 01.1:ok", ""), (Show(during[0]), Show(during[1])));
        Assert.Equal(["mlx5_3"], during[0][1].Device.Rdma);

        var back = RdmaRound(during, Mlx(MlxVf1(rdma: ["mlx5_3"])));
        Assert.Equal(("01.0:ok 01.1:ok", ""), (Show(back[0]), Show(back[1])));
    }

    [Fact]
    public void An_rdma_device_gone_with_the_netdev_left_on_the_host_or_a_new_driver_is_not_remembered()
    {
        var first = RdmaRound([[], []], Mlx(MlxVf1(rdma: ["mlx5_3"])));

        // mlx5_ib unloaded: the netdev stays on the host, the RDMA device is gone; the VF is plain Ethernet now.
        var unloaded = RdmaRound(first, Mlx(MlxVf1()));
        Assert.Equal(("01.0:ok", "01.1:ok"), (Show(unloaded[0]), Show(unloaded[1])));

        var rebound = RdmaRound(first, Mlx(MlxVf1(netdev: null, driver: "vfio-pci")));
        Assert.Equal(("01.0:ok", "01.1:ok"), (Show(rebound[0]), Show(rebound[1])));
    }
}
