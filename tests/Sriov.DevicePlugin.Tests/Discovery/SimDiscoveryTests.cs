using System.Text.Json.Nodes;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Discovery;

/// <summary><c>discover</c> over a simulated node of every profile (the tree as the kernel lays it out).</summary>
public class SimDiscoveryTests
{
    private static string Config(string resources) => $$"""{"resourceList":[{{resources}}]}""";

    [Fact]
    public void Intel_e810_vfs_with_every_field()
    {
        using var node = SimNodes.Tree("intel-e810");
        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"e810","selectors":{"vendors":["8086"],"devices":["1889"],"drivers":["iavf"]}}"""));
        Assert.Equal("intel.com/e810", (string)resources[0]!["name"]!);
        Assert.Equal(["0000:3b:01.0", "0000:3b:01.1", "0000:3b:01.2", "0000:3b:01.3", "0000:3b:11.0", "0000:3b:11.1", "0000:3b:11.2", "0000:3b:11.3"],
            Discover.Ids(resources, 0));
        var device = Discover.Devices(resources, 0)[5]!.ToJsonString();
        Assert.Equal("""
            {"id":"0000:3b:11.1","healthy":true,"numaNode":0,"driver":"iavf","vendor":"8086","device":"1889","pfName":"ens1f1","vfIndex":1,"netdev":"ens1f1v1","linkType":"ether","deviceSpecs":[],"env":{"generic":{"deviceID":"0000:3b:11.1"}}}
            """, device);
    }

    [Fact]
    public void Intel_x710_by_pf_name_range_and_the_rest_by_root_device()
    {
        using var node = SimNodes.Tree("intel-x710");
        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"pf1_1_2","selectors":{"pfNames":["ens2f1#1-2"]}},
            {"resourceName":"rest","resourcePrefix":"example.com","selectors":{"rootDevices":["0000:5e:00.0#0,3","0000:5e:00.1"]}}
            """));
        Assert.Equal(["0000:5e:0a.1", "0000:5e:0a.2"], Discover.Ids(resources, 0));
        Assert.Equal("example.com/rest", (string)resources[1]!["name"]!);
        Assert.Equal(["0000:5e:02.0", "0000:5e:02.3", "0000:5e:0a.0", "0000:5e:0a.3"], Discover.Ids(resources, 1));
    }

    [Fact]
    public void Mellanox_cx6_rdma_vfs_get_their_character_devices()
    {
        using var node = SimNodes.Tree("mlx-cx6", vfs: 2);
        // The simulator registers infiniband/mlx5_N per function; add the verbs and MAD class entries rdma-core's
        // modules would create for the VF at 0000:af:00.2.
        var rdma = Directory.GetDirectories(Path.Join(node.Root.Sys, "bus/pci/devices/0000:af:00.2/infiniband")).Select(Path.GetFileName).Single()!;
        foreach (var (cls, entry) in new[] { ("infiniband_verbs", "uverbs3"), ("infiniband_mad", "umad3"), ("infiniband_mad", "issm3"), ("infiniband_cm", "ucm3") })
        {
            Directory.CreateDirectory(Path.Join(node.Root.Sys, "class", cls, entry));
            File.WriteAllText(Path.Join(node.Root.Sys, "class", cls, entry, "ibdev"), rdma + "\n");
        }

        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"mlnx_rdma","resourcePrefix":"mellanox.com","selectors":{"vendors":["15b3"],"devices":["101c"],"drivers":["mlx5_core"],"isRdma":true}}"""));
        Assert.Equal(["0000:af:00.2", "0000:af:00.3", "0000:af:01.2", "0000:af:01.3"], Discover.Ids(resources, 0));
        var first = Discover.Devices(resources, 0)[0]!;
        Assert.Equal(["/dev/infiniband/ucm3", "/dev/infiniband/issm3", "/dev/infiniband/umad3", "/dev/infiniband/uverbs3", "/dev/infiniband/rdma_cm"],
            first["deviceSpecs"]!.AsArray().Select(s => (string)s!["hostPath"]!));
        Assert.Equal(
            $$"""{"rdma_cm":"/dev/infiniband/rdma_cm","rdma_dev":"{{rdma}}","uverbs":"/dev/infiniband/uverbs3","umad":"/dev/infiniband/umad3","issm":"/dev/infiniband/issm3"}""",
            first["env"]!["rdma"]!.ToJsonString());
        Assert.Equal(["/dev/infiniband/rdma_cm"], Discover.Devices(resources, 0)[1]!["deviceSpecs"]!.AsArray().Select(s => (string)s!["hostPath"]!));
        Assert.Equal(("ens3f0np0", "ens3f0v0"), ((string)first["pfName"]!, (string)first["netdev"]!));
    }

    [Fact]
    public void Mellanox_cx6_infiniband_vfs_by_link_type()
    {
        using var node = SimNodes.Tree("mlx-cx6-ib", vfs: 2);
        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"eth","selectors":{"linkTypes":["ether"]}},
            {"resourceName":"ib","selectors":{"linkTypes":["infiniband"],"isRdma":true}}
            """));
        Assert.Empty(Discover.Ids(resources, 0));
        Assert.Equal(["0000:d8:00.2", "0000:d8:00.3", "0000:d8:01.2", "0000:d8:01.3"], Discover.Ids(resources, 1));
        Assert.All(Discover.Devices(resources, 1), d => Assert.Equal("infiniband", (string)d!["linkType"]!));
    }

    [Fact]
    public void Accelerator_vfs_without_a_driver_are_excluded_and_say_why()
    {
        using var node = SimNodes.Tree("accel");
        var (exit, stdout, stderr) = Discover.Run(node.Root.Path, Config("""{"resourceName":"fec","deviceType":"accelerator","selectors":{"vendors":["8086"],"devices":["0d5d"]}}"""));
        Assert.Equal(0, exit);
        Assert.Equal("""{"resources":[{"name":"intel.com/fec","devices":[]}]}""", stdout.Trim());
        Assert.Contains("excluded: 0000:17:01.0: not bound to any driver", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accelerator_vfs_on_vfio_pci_have_their_group_nodes()
    {
        using var node = SimNodes.Running("accel");
        var group = (await SimNodes.BindVfioAsync(node, "0000:17:00.0", 2, "0000:17:01.1"))[0];

        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"fec","deviceType":"accelerator","selectors":{"devices":["0d5d"],"drivers":["vfio-pci"]}}"""));
        var device = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Equal(
            """{"id":"0000:17:01.1","healthy":true,"numaNode":0,"driver":"vfio-pci","vendor":"8086","device":"0d5d","pfName":null,"vfIndex":1,"netdev":null,"linkType":null,"deviceSpecs":[{"hostPath":"/dev/vfio/vfio","containerPath":"/dev/vfio/vfio","permissions":"rw"},{"hostPath":"/dev/vfio/GROUP","containerPath":"/dev/vfio/GROUP","permissions":"rw"}],"env":{"generic":{"deviceID":"0000:17:01.1"},"vfio":{"mount":"/dev/vfio/vfio","dev-mount":"/dev/vfio/GROUP"}}}""".Replace("GROUP", group.ToString(), StringComparison.Ordinal),
            device.ToJsonString());
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task The_issues_example_a_vfio_vf_of_an_e810()
    {
        using var node = SimNodes.Running("intel-e810");
        var group = (await SimNodes.BindVfioAsync(node, "0000:3b:00.0", 2, "0000:3b:01.0"))[0];

        var (exit, stdout, _) = Discover.Run(node.Root.Path, Config("""
            {"resourceName":"intel_sriov_dpdk","selectors":{"drivers":["vfio-pci"]}},
            {"resourceName":"empty","selectors":{"vendors":["15b3"]}}
            """));
        Assert.Equal(0, exit);
        Assert.Equal(
            """{"resources":[{"name":"intel.com/intel_sriov_dpdk","devices":[{"id":"0000:3b:01.0","healthy":true,"numaNode":0,"driver":"vfio-pci","vendor":"8086","device":"1889","pfName":"ens1f0","vfIndex":0,"netdev":null,"linkType":null,"deviceSpecs":[{"hostPath":"/dev/vfio/vfio","containerPath":"/dev/vfio/vfio","permissions":"rw"},{"hostPath":"/dev/vfio/GROUP","containerPath":"/dev/vfio/GROUP","permissions":"rw"}],"env":{"generic":{"deviceID":"0000:3b:01.0"},"vfio":{"mount":"/dev/vfio/vfio","dev-mount":"/dev/vfio/GROUP"}}}]},{"name":"intel.com/empty","devices":[]}]}""".Replace("GROUP", group.ToString(), StringComparison.Ordinal),
            stdout.Trim());
    }

    [Fact]
    public void Mixed_node_pools_claim_first_match_across_vendors_and_types()
    {
        using var node = SimNodes.Tree("mixed", vfs: 2);
        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"intel","selectors":[{"vendors":["8086"],"devices":["154c"]},{"vendors":["8086"],"drivers":["iavf"]}]},
            {"resourceName":"mlx","selectors":{"vendors":["15b3"]}},
            {"resourceName":"e810_again","selectors":{"devices":["1889"]}},
            {"resourceName":"fec","deviceType":"accelerator","selectors":{}}
            """));
        Assert.Equal(["0000:3b:01.0", "0000:3b:01.1", "0000:3b:11.0", "0000:3b:11.1", "0000:5e:02.0", "0000:5e:02.1", "0000:5e:0a.0", "0000:5e:0a.1"],
            Discover.Ids(resources, 0));
        Assert.Equal(8, Discover.Ids(resources, 1).Count);
        Assert.Empty(Discover.Ids(resources, 2));
        // The ACC100 PF on pci-pf-stub is a class-12 function with a driver: accelerators keep configured PFs (upstream).
        Assert.Equal(["0000:17:00.0"], Discover.Ids(resources, 3));
    }

    [Fact]
    public void Qemu_igb_vfs_named_like_the_kernel_names_them()
    {
        using var node = SimNodes.Tree("igb", vfs: 3);
        var resources = Discover.Resources(node.Root.Path, Config("""{"resourceName":"igb","selectors":{"vendors":["8086"],"devices":["10ca"]}}"""));
        Assert.Equal(["0000:01:10.0", "0000:01:10.2", "0000:01:10.4"], Discover.Ids(resources, 0));
        var d = Discover.Devices(resources, 0)[2]!;
        Assert.Equal(("eth0", 2, "eth3", "igbvf", JsonValueKind(null)), ((string)d["pfName"]!, (int)d["vfIndex"]!, (string)d["netdev"]!, (string)d["driver"]!, JsonValueKind(d["numaNode"])));
    }

    [Fact]
    public void Pci_addresses_acpi_indexes_vhost_net_additional_info_and_exclude_topology()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2, change: d => d.Ports[1].AcpiIndex = 7);
        // ens1f1 keeps no VFs so the PF itself is a device with its acpi_index; vhost-net as the vhost_net module makes it.
        File.WriteAllText(Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:00.1/sriov_numvfs"), "0\n");
        foreach (var v in Directory.GetFiles(Path.Join(node.Root.Sys, "bus/pci/devices/0000:3b:00.1"), "virtfn*"))
        {
            File.Delete(v);
        }

        Directory.CreateDirectory(Path.Join(node.Root.Path, "dev/net"));
        File.WriteAllText(Path.Join(node.Root.Path, "dev/vhost-net"), "");
        File.WriteAllText(Path.Join(node.Root.Path, "dev/net/tun"), "");
        var resources = Discover.Resources(node.Root.Path, Config("""
            {"resourceName":"by_address","excludeTopology":true,"selectors":{"pciAddresses":["0000:3b:01.1"],"needVhostNet":true},
             "additionalInfo":{"*":{"token":"all"},"0000:3b:01.1":{"token":"mine","x":"y"}}},
            {"resourceName":"by_acpi","selectors":{"acpiIndexes":["7"]}}
            """));
        var vf = Assert.Single(Discover.Devices(resources, 0))!;
        Assert.Null(vf["numaNode"]);
        Assert.Equal(["/dev/vhost-net", "/dev/net/tun"], vf["deviceSpecs"]!.AsArray().Select(s => (string)s!["hostPath"]!));
        Assert.Equal("""{"generic":{"deviceID":"0000:3b:01.1"},"vhost":{"net-mount":"/dev/vhost-net","tun-mount":"/dev/net/tun"},"extra":{"token":"mine","x":"y"}}""",
            vf["env"]!.ToJsonString());
        Assert.Equal(["0000:3b:00.1"], Discover.Ids(resources, 1));
    }

    [Fact]
    public void A_config_error_exits_non_zero_with_the_message()
    {
        using var node = SimNodes.Tree("igb", vfs: 1);
        var (exit, stdout, stderr) = Discover.Run(node.Root.Path, Config("""{"resourceName":"bad.name","selectors":{}}"""));
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("resourceList[0] \"bad.name\": resourceName \"bad.name\" must match", stderr, StringComparison.Ordinal);
    }

    private static string JsonValueKind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString();
}
