using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Host.Sysfs;

namespace Sriov.DevicePlugin.Tests.Selection;

public class PoolBuilderTests
{
    private static PoolConfig Config(string resources) =>
        ConfigLoader.Parse($$"""{"resourceList":[{{resources}}]}""", "t", "intel.com");

    private static Dictionary<string, string> Pools(string resources, NodeSnapshot? snapshot = null) =>
        PoolBuilder.Build(Config(resources), snapshot ?? Functions.TwoPorts()).Pools
            .ToDictionary(p => p.Spec.Name, p => string.Join(" ", p.Devices.Select(d => d.Id[5..])));

    [Fact]
    public void The_first_resource_that_selects_a_device_claims_it()
    {
        var pools = Pools("""
            {"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}},
            {"resourceName":"all","selectors":{}},
            {"resourceName":"none_left","selectors":{"vendors":["8086"]}}
            """);
        Assert.Equal("3b:11.2 3b:11.3", pools["dpdk"]);
        Assert.Equal("3b:01.0 3b:01.1 3b:01.2 3b:01.3 3b:11.0 3b:11.1", pools["all"]);
        Assert.Equal("", pools["none_left"]);
    }

    [Fact]
    public void Selector_objects_are_unioned_in_order_and_the_first_object_decides_the_extras()
    {
        var built = PoolBuilder.Build(Config("""
            {"resourceName":"r","selectors":[{"pfNames":["ens1f1#2"],"needVhostNet":true},{"drivers":["vfio-pci"]},{"pfNames":["ens1f0#0"]}]}
            """), Functions.TwoPorts() with { VhostNet = true });
        var pool = Assert.Single(built.Pools);
        Assert.Equal(["0000:3b:01.0", "0000:3b:11.2", "0000:3b:11.3"], pool.Devices.Select(d => d.Id));
        Assert.Contains(pool.Devices[1].Nodes, n => n.HostPath == "/dev/vhost-net");
        Assert.DoesNotContain(pool.Devices[2].Nodes, n => n.HostPath == "/dev/vhost-net");
    }

    [Fact]
    public void Netdevs_carrying_the_default_route_are_excluded_with_a_reason()
    {
        var snapshot = Functions.TwoPorts() with { DefaultRouteNetdevs = new HashSet<string> { "ens1f0v1" } };
        var built = PoolBuilder.Build(Config("""{"resourceName":"all","selectors":{"pfNames":["ens1f0"]}}"""), snapshot);
        Assert.Equal(["0000:3b:01.0", "0000:3b:01.2", "0000:3b:01.3"], built.Pools[0].Devices.Select(d => d.Id));
        Assert.Contains(built.Excluded, e => e.Id == "0000:3b:01.1" && e.Reason == "its netdev ens1f0v1 carries the default route");
    }

    [Fact]
    public void Configured_pfs_and_unbound_functions_are_excluded_and_a_pf_without_vfs_is_a_device()
    {
        var snapshot = Functions.Snapshot(
            Functions.Pf("0000:3b:00.0", "ens1f0", 1, 1),
            Functions.Vf("0000:3b:00.0", 0, driver: null),
            Functions.Pf("0000:3b:00.1", "ens1f1", 0));
        var built = PoolBuilder.Build(Config("""{"resourceName":"all","selectors":{}}"""), snapshot);
        Assert.Equal(["0000:3b:00.1"], built.Pools[0].Devices.Select(d => d.Id));
        Assert.Equal(
            ["0000:3b:00.0: a PF with 1 VFs configured (its VFs are advertised instead)", "0000:3b:01.0: not bound to any driver"],
            built.Excluded.Select(e => e.ToString()));
    }

    [Fact]
    public void Vfs_of_a_pf_without_a_netdev_have_no_pf_name_and_are_never_selected_by_pf_names()
    {
        var snapshot = Functions.Snapshot(Functions.Pf("0000:3b:00.0", "", 2, 2, driver: "vfio-pci"), Functions.Vf("0000:3b:00.0", 0), Functions.Vf("0000:3b:00.0", 1));
        var pools = Pools("""{"resourceName":"byname","selectors":{"pfNames":["eth0"]}},{"resourceName":"byroot","selectors":{"rootDevices":["0000:3b:00.0"]}}""", snapshot);
        Assert.Equal("", pools["byname"]);
        Assert.Equal("3b:01.0 3b:01.1", pools["byroot"]);
    }

    [Fact]
    public void Accelerators_are_class_12_and_keep_their_configured_pf()
    {
        var accel = Functions.Pf("0000:17:00.0", "", 2, 2, device: "0d5c", driver: "pci-pf-stub", cls: "120000");
        var snapshot = Functions.Snapshot(
            accel,
            Functions.Vf("0000:17:00.0", 0, driver: "vfio-pci", device: "0d5d", cls: "120000", iommuGroup: 5),
            Functions.Vf("0000:17:00.0", 1, driver: null, device: "0d5d", cls: "120000"),
            Functions.Pf("0000:3b:00.0", "ens1f0", 0));
        var pools = Pools("""{"resourceName":"fec","deviceType":"accelerator","selectors":{"vendors":["8086"]}},{"resourceName":"nic","selectors":{}}""", snapshot);
        Assert.Equal("17:00.0 17:01.0", pools["fec"]);
        Assert.Equal("3b:00.0", pools["nic"]);
    }

    [Fact]
    public void An_accelerator_is_selected_by_its_pci_address_and_another_accelerator_is_not()
    {
        var snapshot = Functions.Snapshot(
            Functions.Pf("0000:17:00.0", "", 2, 2, device: "0d5c", driver: "pci-pf-stub", cls: "120000"),
            Functions.Vf("0000:17:00.0", 0, driver: "vfio-pci", device: "0d5d", cls: "120000", iommuGroup: 5),
            Functions.Vf("0000:17:00.0", 1, driver: "vfio-pci", device: "0d5d", cls: "120000", iommuGroup: 6));
        var config = Config("""
            {"resourceName":"fec_a","deviceType":"accelerator","selectors":{"pciAddresses":["0000:17:01.1"]}},
            {"resourceName":"fec_rest","deviceType":"accelerator","selectors":{"devices":["0d5d"]}}
            """);
        Assert.Empty(config.Warnings);
        var pools = PoolBuilder.Build(config, snapshot).Pools.ToDictionary(p => p.Spec.Name, p => string.Join(" ", p.Devices.Select(d => d.Id[5..])));
        Assert.Equal("17:01.1", pools["fec_a"]);
        Assert.Equal("17:01.0", pools["fec_rest"]);
    }

    [Fact]
    public void Auxiliary_devices_come_from_class_02_parents_with_their_sf_number()
    {
        var pf = Functions.Pf("0000:af:00.0", "ens3f0np0", 0, vendor: "15b3", device: "a2d6", driver: "mlx5_core");
        var snapshot = Functions.Snapshot(pf) with
        {
            AuxDevices =
            [
                new AuxFunction { Name = "mlx5_core.sf.2", Parent = pf.Address, Type = "sf", SfNumber = 1, Netdev = "enp175s0f0s1", NetdevType = 1 },
                new AuxFunction { Name = "mlx5_core.sf.3", Parent = pf.Address, Type = "sf", SfNumber = 7 },
                new AuxFunction { Name = "mlx5_core.sf.4", Parent = pf.Address, Type = "sf", SfNumber = null },
            ],
        };
        var built = PoolBuilder.Build(Config("""{"resourceName":"bf2_sf","deviceType":"auxNetDevice","selectors":{"vendors":["15b3"],"pfNames":["ens3f0np0#1-5"],"auxTypes":["sf"]}}"""), snapshot);
        var device = Assert.Single(built.Pools[0].Devices);
        Assert.Equal(("mlx5_core.sf.2", "ens3f0np0", 1, "enp175s0f0s1"), (device.Id, device.Candidate.PfName, device.Candidate.FunctionIndex, device.Candidate.Netdev));
        Assert.Equal("net-sf", built.Pools[0].Spec.CdiKind);
        Assert.Contains(built.Excluded, e => e.Id == "mlx5_core.sf.4");
    }

    [Fact]
    public void Topology_is_advertised_unless_excluded_or_unknown()
    {
        var snapshot = Functions.Snapshot(Functions.Pf("0000:3b:00.0", "ens1f0", 2, 2), Functions.Vf("0000:3b:00.0", 0, numa: 1), Functions.Vf("0000:3b:00.0", 1, numa: -1));
        var config = Config("""{"resourceName":"a","selectors":{"pfNames":["ens1f0#0"]}},{"resourceName":"b","excludeTopology":true,"selectors":{"pfNames":["ens1f0#0"]}},{"resourceName":"c","selectors":{}}""");
        var pools = PoolBuilder.Build(config, snapshot).Pools;
        Assert.Equal(1, pools[0].Devices[0].Numa);
        Assert.Empty(pools[1].Devices);
        Assert.Null(pools[2].Devices.Single().Numa);
        var excluded = PoolBuilder.Build(Config("""{"resourceName":"b","excludeTopology":true,"selectors":{}}"""), snapshot).Pools[0];
        Assert.All(excluded.Devices, d => Assert.Null(d.Numa));
    }

    [Fact]
    public void A_switchdev_pf_name_is_its_uplink()
    {
        var pf = Functions.Pf("0000:af:00.0", "ens3f0np0", 1, 1, vendor: "15b3", device: "101b", driver: "mlx5_core",
            netdevs: [Functions.Netdev("eth5"), Functions.Netdev("ens3f0np0")]);
        var snapshot = Functions.Snapshot(pf, Functions.Vf("0000:af:00.0", 0, driver: "mlx5_core", vendor: "15b3", device: "101c")) with
        {
            Extras = new Dictionary<PciAddress, FunctionExtras> { [pf.Address] = new() { Uplink = "ens3f0np0" } },
        };
        Assert.Equal("af:01.0", Pools("""{"resourceName":"a","selectors":{"pfNames":["ens3f0np0"]}}""", snapshot)["a"]);
    }
}
