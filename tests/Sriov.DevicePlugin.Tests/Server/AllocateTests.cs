using System.Text.Json.Nodes;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Sim.Kubelet;

namespace Sriov.DevicePlugin.Tests.Server;

/// <summary>Allocation through the kubelet emulator, over the unix socket: preferred allocation, env, device nodes,
/// device-info files and CDI.</summary>
public class AllocateTests
{
    [Fact]
    public async Task The_kubelet_gets_a_preferred_allocation_spread_across_pfs_then_env_and_device_info()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 4);
        await using var h = await PluginHarness.CreateAsync(node, """{"resourceList":[{"resourceName":"net","selectors":{"drivers":["iavf"]}}]}""", RegistrationMode.KubeletSocket);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 8);

        var a = await h.Kubelet.AllocateAsync("ns/pod-a", "app", "intel.com/net", 2);
        Assert.True(a.PreferredAllocationAsked);
        Assert.Equal(["0000:3b:01.0", "0000:3b:11.0"], a.DeviceIds);
        Assert.Equal("0000:3b:01.0,0000:3b:11.0", a.Response.Envs["PCIDEVICE_INTEL_COM_NET"]);
        var info = JsonNode.Parse(a.Response.Envs["PCIDEVICE_INTEL_COM_NET_INFO"])!;
        Assert.Equal("0000:3b:11.0", (string)info["0000:3b:11.0"]!["generic"]!["deviceID"]!);
        Assert.Empty(a.Response.Devices);
        Assert.Empty(a.Response.Mounts);
        var file = Path.Join(h.Options.DevInfoDir, "intel.com-net-0000:3b:11.0-device.json");
        Assert.Equal("""{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:3b:11.0"}}""", File.ReadAllText(file));

        var b = await h.Kubelet.AllocateAsync("ns/pod-b", "app", "intel.com/net", 2);
        Assert.Equal(["0000:3b:01.1", "0000:3b:11.1"], b.DeviceIds);
    }

    [Fact]
    public async Task Vfio_devices_get_their_nodes_or_with_cdi_the_annotation_and_a_spec_file()
    {
        using var node = SimNodes.Running("intel-e810");
        var groups = await SimNodes.BindVfioAsync(node, "0000:3b:00.0", 2, "0000:3b:01.0", "0000:3b:01.1");
        const string config = """{"resourceList":[{"resourceName":"dpdk","selectors":{"drivers":["vfio-pci"]}}]}""";

        await using (var plain = await PluginHarness.CreateAsync(node, config, RegistrationMode.PluginWatcher))
        {
            await plain.StartPluginAsync();
            await plain.Kubelet.WaitForResourceAsync("intel.com/dpdk", r => r.Allocatable == 2);
            var a = await plain.Kubelet.AllocateAsync("ns/p", "c", "intel.com/dpdk", 2);
            Assert.Equal(["/dev/vfio/vfio", $"/dev/vfio/{groups[0]}", $"/dev/vfio/{groups[1]}"], a.Response.Devices.Select(d => d.HostPath));
            Assert.Empty(a.Response.Annotations);
        }

        await using var cdi = await PluginHarness.CreateAsync(node, config, RegistrationMode.PluginWatcher, useCdi: true);
        await cdi.StartPluginAsync();
        await cdi.Kubelet.WaitForResourceAsync("intel.com/dpdk", r => r.Allocatable == 2);
        var c = await cdi.Kubelet.AllocateAsync("ns/p", "c", "intel.com/dpdk", 1);
        Assert.Empty(c.Response.Devices);
        Assert.Equal("intel.com/net-pci=" + c.DeviceIds[0], c.Response.Annotations["cdi.k8s.io/intel.com_net-pci"]);
        var spec = File.ReadAllText(Path.Join(cdi.Options.CdiDir, "sriov-dp-intel.com-net-pci-dpdk.yaml"));
        Assert.Contains("kind: \"intel.com/net-pci\"", spec, StringComparison.Ordinal);
        Assert.Contains($"- path: \"/dev/vfio/{groups[1]}\"", spec, StringComparison.Ordinal);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Allocating_a_device_the_pool_no_longer_has_is_refused_with_the_reason()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 1);
        await using var h = await PluginHarness.CreateAsync(node, """{"resourceList":[{"resourceName":"net","selectors":{}}]}""", RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        var resource = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 2);
        using var channel = Sriov.Kubelet.UnixSocketChannel.Create(resource.Endpoint);
        var client = new Sriov.Kubelet.DevicePlugin.V1Beta1.DevicePlugin.DevicePluginClient(channel);
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await client.AllocateAsync(new Sriov.Kubelet.DevicePlugin.V1Beta1.AllocateRequest
        {
            ContainerRequests = { new Sriov.Kubelet.DevicePlugin.V1Beta1.ContainerAllocateRequest { DevicesIds = { "0000:3b:01.0", "0000:99:00.0" } } },
        }));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, e.StatusCode);
        Assert.Contains("device 0000:99:00.0 is not in pool intel.com/net", e.Status.Detail, StringComparison.Ordinal);
        var preStart = await client.PreStartContainerAsync(new Sriov.Kubelet.DevicePlugin.V1Beta1.PreStartContainerRequest { DevicesIds = { "0000:3b:01.0" } });
        Assert.NotNull(preStart);
    }
}
