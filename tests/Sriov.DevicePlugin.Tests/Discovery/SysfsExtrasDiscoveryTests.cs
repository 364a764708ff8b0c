using System.Text.Json.Nodes;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Discovery;

/// <summary>
/// <c>discover</c> through the sysfs readers of features the simulator does not model (uio, vDPA, subfunctions,
/// switchdev representors, partition keys): each test writes the entries the kernel would create into a simulated
/// node's tree, laid out as the kernel lays them out, and checks what is selected and its device specs and env.
/// </summary>
public class SysfsExtrasDiscoveryTests
{
    private static string Config(string resources) => $$"""{"resourceList":[{{resources}}]}""";

    private static string Specs(JsonNode device) =>
        string.Join(" ", device["deviceSpecs"]!.AsArray().Select(s => $"{(string)s!["hostPath"]!}>{(string)s["containerPath"]!}"));

    [Fact]
    public void A_vf_on_igb_uio_gets_its_uio_node_and_mount_key()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        var vf = Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:01.1");
        // Bound to igb_uio: the iavf netdev is gone and the uio class device uio0 sits under the function.
        Rebind(node.Root.Sys, vf, "igb_uio");
        Directory.Delete(Path.Join(vf, "net"), recursive: true);
        Directory.CreateDirectory(Path.Join(vf, "uio", "uio0"));
        File.WriteAllText(Path.Join(vf, "uio", "uio0", "dev"), "241:0\n");

        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"dpdk","selectors":{"drivers":["igb_uio"]}}"""));
        var device = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Equal(("0000:3b:01.1", "igb_uio", "ens1f0"), ((string)device["id"]!, (string)device["driver"]!, (string)device["pfName"]!));
        Assert.Null(device["netdev"]);
        Assert.Equal("/dev/uio0>/dev/uio0", Specs(device));
        Assert.Equal("""{"generic":{"deviceID":"0000:3b:01.1"},"uio":{"mount":"/dev/uio0"}}""", device["env"]!.ToJsonString());
    }

    [Fact]
    public void Vdpa_devices_select_by_type_and_vhost_ones_get_their_character_device()
    {
        using var node = SimNodes.Tree("mlx-cx6", vfs: 2);
        var devices = Path.Join(node.Root.Sys, "bus/pci/devices");
        Vdpa(node.Root.Sys, Path.Join(devices, "0000:af:00.2"), "vdpa0", "vhost_vdpa", "vhost-vdpa-0");
        Vdpa(node.Root.Sys, Path.Join(devices, "0000:af:00.3"), "vdpa1", "virtio_vdpa", "virtio1");

        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"vhost","selectors":{"vendors":["15b3"],"vdpaType":"vhost"}},
            {"resourceName":"virtio","selectors":{"vendors":["15b3"],"vdpaType":"virtio"}}
            """));
        var vhost = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Equal("0000:af:00.2", (string)vhost["id"]!);
        Assert.Equal("/dev/vhost-vdpa-0>/dev/vhost-vdpa-0", Specs(vhost));
        Assert.Equal("""{"generic":{"deviceID":"0000:af:00.2"},"vdpa":{"mount":"/dev/vhost-vdpa-0"}}""", vhost["env"]!.ToJsonString());
        var virtio = Assert.Single(Discover.Devices(resources, 1))!;
        Assert.Equal(("0000:af:00.3", ""), ((string)virtio["id"]!, Specs(virtio)));
    }

    [Fact]
    public void Subfunctions_on_the_auxiliary_bus_select_by_sf_number_with_their_netdev()
    {
        using var node = SimNodes.Tree("mlx-cx6", vfs: 0);
        var pf = Path.Join(node.Root.Sys, "bus/pci/devices/0000:af:00.0");
        Aux(node.Root.Sys, pf, "mlx5_core.sf.2", sfnum: "1", netdev: "enp175s0f0s1");
        Aux(node.Root.Sys, pf, "mlx5_core.sf.3", sfnum: "7", netdev: "enp175s0f0s7");
        Aux(node.Root.Sys, pf, "mlx5_core.sf.4", sfnum: "2", netdev: null, rdma: "mlx5_4");
        // The PF's own Ethernet auxiliary device: another type, never an SF.
        Aux(node.Root.Sys, pf, "mlx5_core.eth.0", sfnum: null, netdev: null);

        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"sf_rdma","deviceType":"auxNetDevice","selectors":{"pfNames":["ens3f0np0"],"auxTypes":["sf"],"isRdma":true}},
            {"resourceName":"sf","deviceType":"auxNetDevice","selectors":{"vendors":["15b3"],"pfNames":["ens3f0np0#1-5"],"auxTypes":["sf"]}}
            """));
        var rdma = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Equal(("mlx5_core.sf.4", 2), ((string)rdma["id"]!, (int)rdma["vfIndex"]!));
        Assert.Equal("mlx5_4", (string)rdma["env"]!["rdma"]!["rdma_dev"]!);
        var sf = Assert.Single(Discover.Devices(resources, 1))!;
        Assert.Equal(
            ("mlx5_core.sf.2", "ens3f0np0", 1, "enp175s0f0s1", "ether", "15b3"),
            ((string)sf["id"]!, (string)sf["pfName"]!, (int)sf["vfIndex"]!, (string)sf["netdev"]!, (string)sf["linkType"]!, (string)sf["vendor"]!));
        Assert.Equal("""{"generic":{"deviceID":"mlx5_core.sf.2"}}""", sf["env"]!.ToJsonString());
    }

    [Fact]
    public void A_switchdev_pf_is_named_by_its_uplink_not_its_representors()
    {
        // Kernel names (no udev rule renamed them): the representors eth0/eth1 sort before the uplink eth2.
        using var node = SimNodes.Tree("mlx-cx6", vfs: 2, change: d => d.Ports[0].Netdev = "eth2");
        var pf = Path.Join(node.Root.Sys, "bus/pci/devices/0000:af:00.0");
        Representor(pf, "eth0", "pf0vf0");
        Representor(pf, "eth1", "pf0vf1");

        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"uplink","selectors":{"pfNames":["eth2"]}},
            {"resourceName":"rep","selectors":{"pfNames":["eth0"]}}
            """));
        Assert.Equal(["0000:af:00.2", "0000:af:00.3"], Discover.Ids(resources, 0));
        Assert.All(Discover.Devices(resources, 0), d => Assert.Equal("eth2", (string)d!["pfName"]!));
        Assert.Empty(Discover.Ids(resources, 1));
    }

    [Fact]
    public void Infiniband_vfs_select_by_the_partition_key_of_their_port()
    {
        using var node = SimNodes.Tree("mlx-cx6-ib", vfs: 2);
        var devices = Path.Join(node.Root.Sys, "bus/pci/devices");
        PKey(Path.Join(devices, "0000:d8:00.2"), "0x7fff");
        PKey(Path.Join(devices, "0000:d8:00.3"), "0xffff");

        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"pkey","selectors":{"linkTypes":["infiniband"],"pKeys":["0x7FFF"],"isRdma":true}},
            {"resourceName":"default","selectors":{"vendors":["15b3"],"devices":["101c"],"pKeys":["0xffff"]}}
            """));
        // d8:01.2 and d8:01.3 have no key table: a selector with pKeys never selects them.
        Assert.Equal(["0000:d8:00.2"], Discover.Ids(resources, 0));
        Assert.Equal(["0000:d8:00.3"], Discover.Ids(resources, 1));
    }

    [Fact]
    public async Task A_vfio_vf_in_no_iommu_mode_uses_the_noiommu_group_node_on_the_host_side()
    {
        using var node = SimNodes.Running("intel-e810", change: d => d.Iommu = "noiommu");
        var group = (await SimNodes.BindVfioAsync(node, "0000:3b:00.0", 2, "0000:3b:01.1"))[0];
        Assert.Equal("vfio-noiommu", File.ReadAllText(Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:01.1/iommu_group/name")).Trim());

        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}}"""));
        var device = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Equal($"/dev/vfio/vfio>/dev/vfio/vfio /dev/vfio/noiommu-{group}>/dev/vfio/{group}", Specs(device));
        Assert.Equal($$"""{"mount":"/dev/vfio/vfio","dev-mount":"/dev/vfio/{{group}}"}""", device["env"]!["vfio"]!.ToJsonString());
        Assert.Empty(node.Rejections);
    }

    private static void Rebind(string sys, string function, string driver)
    {
        var drivers = Path.Join(sys, "bus/pci/drivers", driver);
        Directory.CreateDirectory(drivers);
        File.Delete(Path.Join(function, "driver"));
        File.CreateSymbolicLink(Path.Join(function, "driver"), drivers);
    }

    /// <summary>A vDPA device under its VF (the vdpa bus device's parent is the PCI function), bound to
    /// <paramref name="driver"/>, with its child (<c>vhost-vdpa-N</c> or <c>virtioN</c>).</summary>
    private static void Vdpa(string sys, string function, string name, string driver, string child)
    {
        var dir = Path.Join(function, name);
        Directory.CreateDirectory(Path.Join(dir, child));
        var drivers = Path.Join(sys, "bus/vdpa/drivers", driver);
        Directory.CreateDirectory(drivers);
        File.CreateSymbolicLink(Path.Join(dir, "driver"), drivers);
        Directory.CreateDirectory(Path.Join(sys, "bus/vdpa/devices"));
        File.CreateSymbolicLink(Path.Join(sys, "bus/vdpa/devices", name), dir);
    }

    /// <summary>An auxiliary device under its PCI parent, linked from <c>sys/bus/auxiliary/devices</c>.</summary>
    private static void Aux(string sys, string parent, string name, string? sfnum, string? netdev, string? rdma = null)
    {
        var dir = Path.Join(parent, name);
        Directory.CreateDirectory(dir);
        if (sfnum is not null)
        {
            File.WriteAllText(Path.Join(dir, "sfnum"), sfnum + "\n");
        }

        if (netdev is not null)
        {
            Directory.CreateDirectory(Path.Join(dir, "net", netdev));
            File.WriteAllText(Path.Join(dir, "net", netdev, "type"), "1\n");
        }

        if (rdma is not null)
        {
            Directory.CreateDirectory(Path.Join(dir, "infiniband", rdma));
        }

        Directory.CreateDirectory(Path.Join(sys, "bus/auxiliary/devices"));
        File.CreateSymbolicLink(Path.Join(sys, "bus/auxiliary/devices", name), dir);
    }

    /// <summary>A switchdev representor netdev under the PF (mlx5 lists them beside the uplink).</summary>
    private static void Representor(string pf, string name, string physPortName)
    {
        var dir = Path.Join(pf, "net", name);
        Directory.CreateDirectory(dir);
        foreach (var (file, value) in new[] { ("type", "1"), ("operstate", "up"), ("carrier", "1"), ("address", "02:00:00:00:10:0" + name[^1]), ("phys_port_name", physPortName) })
        {
            File.WriteAllText(Path.Join(dir, file), value + "\n");
        }
    }

    /// <summary>Index 0 of port 1's partition key table of the function's (first) RDMA device.</summary>
    private static void PKey(string function, string key)
    {
        var rdma = Directory.GetDirectories(Path.Join(function, "infiniband")).Single();
        Directory.CreateDirectory(Path.Join(rdma, "ports", "1", "pkeys"));
        File.WriteAllText(Path.Join(rdma, "ports", "1", "pkeys", "0"), key + "\n");
    }
}
