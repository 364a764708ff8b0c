using System.Text.Json;
using Sriov.DevicePlugin.Allocation;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Devices;
using Sriov.DevicePlugin.Selection;
using Sriov.DevicePlugin.Tests.Support;

namespace Sriov.DevicePlugin.Tests.Allocation;

public class AllocationTests
{
    [Theory]
    [InlineData("intel.com", "intel_sriov_netdevice", "PCIDEVICE_INTEL_COM_INTEL_SRIOV_NETDEVICE")]
    [InlineData("openshift.io", "mlx-rdma", "PCIDEVICE_OPENSHIFT_IO_MLX-RDMA")]
    [InlineData("example.co.uk", "Dpdk_1", "PCIDEVICE_EXAMPLE_CO_UK_DPDK_1")]
    public void Env_names_are_upper_cased_with_dots_replaced_and_hyphens_kept(string prefix, string name, string expected)
    {
        Assert.Equal(expected, EnvNames.Devices(prefix, name));
        Assert.Equal(expected + "_INFO", EnvNames.Info(prefix, name));
    }

    private static BuiltPool Pool(string resource, bool vhost = false) =>
        PoolBuilder.Build(ConfigLoader.Parse($$"""{"resourceList":[{{resource}}]}""", "t", "intel.com"), Functions.TwoPorts() with { VhostNet = vhost }).Pools[0];

    [Fact]
    public void Allocate_sets_the_id_list_in_request_order_and_the_sorted_info_json()
    {
        var pool = Pool("""{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]},"additionalInfo":{"*":{"token":"abc"},"0000:3b:11.3":{"token":"override","extra":"x"}}}""");
        var devices = new[] { pool.Devices[1], pool.Devices[0] };
        var response = AllocationBuilder.Build(pool.Spec, devices, useCdi: false);

        Assert.Equal("0000:3b:11.3,0000:3b:11.2", response.Envs["PCIDEVICE_INTEL_COM_DPDK"]);
        Assert.Equal(
            """{"0000:3b:11.2":{"extra":{"token":"abc"},"generic":{"deviceID":"0000:3b:11.2"},"vfio":{"dev-mount":"/dev/vfio/71","mount":"/dev/vfio/vfio"}}"""
            + ""","0000:3b:11.3":{"extra":{"extra":"x","token":"override"},"generic":{"deviceID":"0000:3b:11.3"},"vfio":{"dev-mount":"/dev/vfio/72","mount":"/dev/vfio/vfio"}}}""",
            response.Envs["PCIDEVICE_INTEL_COM_DPDK_INFO"]);
        Assert.Equal(["/dev/vfio/vfio:/dev/vfio/vfio", "/dev/vfio/72:/dev/vfio/72", "/dev/vfio/71:/dev/vfio/71"],
            response.Devices.Select(d => d.HostPath + ":" + d.ContainerPath));
        Assert.All(response.Devices, d => Assert.Equal("rw", d.Permissions));
        Assert.Empty(response.Mounts);
        Assert.Empty(response.Annotations);
    }

    [Fact]
    public void Kernel_netdev_vfs_get_env_but_no_device_nodes_unless_vhost_net_is_asked()
    {
        var plain = Pool("""{"resourceName":"net","selectors":{"drivers":["iavf"]}}""");
        var response = AllocationBuilder.Build(plain.Spec, [plain.Devices[0]], useCdi: false);
        Assert.Empty(response.Devices);
        Assert.Equal("""{"0000:3b:01.0":{"generic":{"deviceID":"0000:3b:01.0"}}}""", response.Envs["PCIDEVICE_INTEL_COM_NET_INFO"]);

        var vhost = Pool("""{"resourceName":"net","selectors":{"drivers":["iavf"],"needVhostNet":true}}""", vhost: true);
        var withVhost = AllocationBuilder.Build(vhost.Spec, [vhost.Devices[0], vhost.Devices[1]], useCdi: false);
        Assert.Equal(["/dev/vhost-net", "/dev/net/tun"], withVhost.Devices.Select(d => d.HostPath));
        Assert.Contains("\"vhost\":{\"net-mount\":\"/dev/vhost-net\",\"tun-mount\":\"/dev/net/tun\"}", withVhost.Envs["PCIDEVICE_INTEL_COM_NET_INFO"], StringComparison.Ordinal);
    }

    [Fact]
    public void Cdi_mode_replaces_device_nodes_with_the_annotation()
    {
        var pool = Pool("""{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}}""");
        var response = AllocationBuilder.Build(pool.Spec, pool.Devices, useCdi: true);
        Assert.Empty(response.Devices);
        Assert.Equal("intel.com/net-pci=0000:3b:11.2,intel.com/net-pci=0000:3b:11.3", response.Annotations["cdi.k8s.io/intel.com_net-pci"]);
        Assert.True(response.Envs.ContainsKey("PCIDEVICE_INTEL_COM_DPDK"));

        var yaml = CdiSpecWriter.Render(pool.Spec, pool.Devices);
        Assert.Equal("""
            cdiVersion: "0.5.0"
            kind: "intel.com/net-pci"
            devices:
            - name: "0000:3b:11.2"
              containerEdits:
                deviceNodes:
                - path: "/dev/vfio/vfio"
                  hostPath: "/dev/vfio/vfio"
                  permissions: "rw"
                - path: "/dev/vfio/71"
                  hostPath: "/dev/vfio/71"
                  permissions: "rw"
            - name: "0000:3b:11.3"
              containerEdits:
                deviceNodes:
                - path: "/dev/vfio/vfio"
                  hostPath: "/dev/vfio/vfio"
                  permissions: "rw"
                - path: "/dev/vfio/72"
                  hostPath: "/dev/vfio/72"
                  permissions: "rw"
            containerEdits: {}

            """.ReplaceLineEndings("\n"), yaml);
        Assert.Equal("sriov-dp-intel.com-net-pci-dpdk.yaml", CdiNames.SpecFile(pool.Spec.Prefix, pool.Spec.CdiKind, pool.Spec.Name));
    }

    [Fact]
    public void An_empty_request_gets_an_empty_answer() =>
        Assert.Empty(AllocationBuilder.Build(Pool("""{"resourceName":"a","selectors":{}}""").Spec, [], useCdi: false).Envs);

    [Fact]
    public void Device_info_files_follow_the_npwg_spec()
    {
        var pool = Pool("""{"resourceName":"net","selectors":{"drivers":["iavf"]}}""");
        var device = pool.Devices[0];
        Assert.Equal("intel.com-net-0000:3b:01.0-device.json", DeviceInfoWriter.FileName(pool.Spec, device.Id));
        var json = JsonSerializer.Serialize(DeviceInfoWriter.Content(device), Sriov.Api.Node.NodeJsonContext.Default.DeviceInfoFile);
        Assert.Equal("""{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:3b:01.0"}}""", json);

        var rdma = device with { Rdma = ["mlx5_2", "mlx5_3"] };
        Assert.Equal("""{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:3b:01.0","rdma-device":"mlx5_2,mlx5_3"}}""",
            JsonSerializer.Serialize(DeviceInfoWriter.Content(rdma), Sriov.Api.Node.NodeJsonContext.Default.DeviceInfoFile));
        var vdpa = device with { Vdpa = new Sriov.DevicePlugin.Discovery.VdpaDevice("vdpa1", "vhost", "/dev/vhost-vdpa-1") };
        Assert.Equal("""{"type":"vdpa","version":"1.1.0","vdpa":{"parent-device":"vdpa1","driver":"vhost","path":"/dev/vhost-vdpa-1","pci-address":"0000:3b:01.0"}}""",
            JsonSerializer.Serialize(DeviceInfoWriter.Content(vdpa), Sriov.Api.Node.NodeJsonContext.Default.DeviceInfoFile));
    }

    [Fact]
    public void Device_info_files_are_written_read_only_and_replaced()
    {
        var dir = Directory.CreateTempSubdirectory("dp-devinfo-").FullName;
        try
        {
            var pool = Pool("""{"resourceName":"net","selectors":{"drivers":["iavf"]}}""");
            var writer = new DeviceInfoWriter(Path.Join(dir, "dp"));
            writer.Write(pool.Spec, pool.Devices[0]);
            writer.Write(pool.Spec, pool.Devices[0]);
            var path = writer.PathOf(pool.Spec, pool.Devices[0].Id);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
            Assert.Contains("0000:3b:01.0", File.ReadAllText(path), StringComparison.Ordinal);
            writer.Remove(pool.Spec, pool.Devices[0].Id);
            Assert.False(File.Exists(path));

            var accel = Pool("""{"resourceName":"fec","deviceType":"accelerator","selectors":{}}""");
            Assert.Empty(accel.Devices);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void No_iommu_vfio_uses_the_noiommu_node_on_the_host_side()
    {
        var snapshot = Functions.TwoPorts();
        var vf = snapshot.Inventory.Single(f => f.Address.ToString() == "0000:3b:11.2").Address;
        snapshot = snapshot with { Extras = new Dictionary<Sriov.Host.Sysfs.PciAddress, Sriov.DevicePlugin.Discovery.FunctionExtras> { [vf] = new() { NoIommu = true } } };
        var pool = PoolBuilder.Build(ConfigLoader.Parse("""{"resourceList":[{"resourceName":"d","selectors":{"pciAddresses":["0000:3b:11.2"]}}]}""", "t", "intel.com"), snapshot).Pools[0];
        Assert.Equal([new DeviceNode("/dev/vfio/vfio", "/dev/vfio/vfio"), new DeviceNode("/dev/vfio/noiommu-71", "/dev/vfio/71")], pool.Devices[0].Nodes);
    }
}
