using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Tests.Support;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;
using Sriov.Sim.Kubelet;

namespace Sriov.DevicePlugin.Tests.Watch;

/// <summary>Live rediscovery: config edits (ConfigMap swaps), VF count changes, rebinds and reconfiguring markers,
/// followed by the kubelet emulator through ListAndWatch.</summary>
public class RediscoveryTests
{
    private const string Net = """{"resourceName":"net","selectors":{"drivers":["iavf"],"pfNames":["ens1f0"]}}""";

    private static string Config(params string[] resources) => $$"""{"resourceList":[{{string.Join(",", resources)}}]}""";

    [Fact]
    public async Task A_config_edit_adds_and_removes_pools_and_their_sockets()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config(Net), RegistrationMode.KubeletSocket);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 2);

        h.WriteConfig(Config("""{"resourceName":"pf1","selectors":{"pfNames":["ens1f1"]}}"""));
        var pf1 = await h.Kubelet.WaitForResourceAsync("intel.com/pf1", r => r.Allocatable == 2);
        Assert.Equal(["0000:3b:11.0", "0000:3b:11.1"], pf1.Devices.Select(d => d.Id));
        // The removed pool's stream ended: the kubelet keeps the resource with every device unhealthy (capacity
        // stays in the node status until the kubelet restarts).
        var gone = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => !r.Connected);
        Assert.Equal(0, gone.Allocatable);
        Assert.False(File.Exists(Path.Join(h.Options.DevicePluginDir, "intel.com_net.sock")));
        Assert.True(h.Log.Contains("intel.com/net: pool removed from the config"));
    }

    [Fact]
    public async Task A_changed_selector_moves_devices_between_pools()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config(Net, """{"resourceName":"rest","selectors":{}}"""), RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/rest", r => r.Allocatable == 2);

        h.WriteConfig(Config("""{"resourceName":"net","selectors":{"pfNames":["ens1f0#1","ens1f1#0"]}}""", """{"resourceName":"rest","selectors":{}}"""));
        var net = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Devices.Count == 2 && r.Devices[1].Id == "0000:3b:11.0");
        Assert.Equal(["0000:3b:01.1", "0000:3b:11.0"], net.Devices.Select(d => d.Id));
        var rest = await h.Kubelet.WaitForResourceAsync("intel.com/rest", r => r.Devices.Count == 2 && r.Devices[0].Id == "0000:3b:01.0");
        Assert.Equal(["0000:3b:01.0", "0000:3b:11.1"], rest.Devices.Select(d => d.Id));
    }

    [Fact]
    public async Task An_invalid_edit_keeps_the_last_good_pools_and_reports_the_error()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config(Net), RegistrationMode.KubeletSocket);
        var host = await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 2);

        h.WriteConfig(Config("""{"resourceName":"net","selectors":{"pfNames":["ens1f0#2-1"]}}"""));
        await WaitUntil(() => h.Log.Contains("the changed config is not used; the last good pools keep serving"));
        Assert.True(h.Log.Contains("selectors.pfNames[0] \"ens1f0#2-1\": function list after '#': range \"2-1\" ends before it starts"));
        h.WriteConfig("{not json");
        await WaitUntil(() => h.Log.Contains("invalid device plugin config"));
        var rediscoveries = host.Rediscoveries;
        await WaitUntil(() => host.Rediscoveries > rediscoveries + 2);
        Assert.Equal(2, h.Kubelet.GetResource("intel.com/net")!.Allocatable);
        // Each bad edit is reported once, not at every resync.
        Assert.Equal(2, h.Log.Lines.Count(l => l.Contains("the changed config is not used", StringComparison.Ordinal)));
        var allocation = await h.Kubelet.AllocateAsync("ns/p", "c", "intel.com/net", 1);
        Assert.Single(allocation.DeviceIds);

        h.WriteConfig(Config("""{"resourceName":"net","selectors":{"pfNames":["ens1f0#1"]}}"""));
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Capacity == 1);
    }

    [Fact]
    public async Task An_invalid_config_at_start_stops_with_the_message()
    {
        using var node = SimNodes.Tree("intel-e810", vfs: 1);
        await using var h = await PluginHarness.CreateAsync(node, Config("""{"resourceName":"a","selectors":{"isRdma":true,"vdpaType":"vhost"}}"""), RegistrationMode.KubeletSocket);
        var e = await Assert.ThrowsAsync<ConfigException>(() => h.StartPluginAsync());
        Assert.Contains("resourceList[0] \"a\": selectors: isRdma and vdpaType cannot be used in the same selector object", e.Message, StringComparison.Ordinal);
        Assert.Equal(["kubelet.sock"], Directory.GetFiles(h.Options.DevicePluginDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Vf_count_changes_are_followed_with_the_marker_making_the_pf_unhealthy_meanwhile()
    {
        using var node = SimNodes.Running("intel-e810", vfs: 4);
        await node.WaitIdleAsync();
        await using var h = await PluginHarness.CreateAsync(node, Config(Net), RegistrationMode.PluginWatcher);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 4);
        var pf = PciAddress.Parse("0000:3b:00.0");

        // The config daemon's protocol: marker first, then the change, marker removed when done.
        ReconfiguringMarker.Set(node.Root, pf.ToString(), "numVfs 4 -> 2", DateTimeOffset.UtcNow);
        var marked = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 0);
        Assert.Equal(4, marked.Capacity);
        var control = new PciControl(node.Root, TimeProvider.System);
        await control.SetNumVfsAsync(pf, 2);
        await node.WaitIdleAsync();
        await Task.Delay(700);
        Assert.Equal((4, 0), (h.Kubelet.GetResource("intel.com/net")!.Capacity, h.Kubelet.GetResource("intel.com/net")!.Allocatable));
        ReconfiguringMarker.Clear(node.Root, pf.ToString());
        var fewer = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Capacity == 2 && r.Allocatable == 2);
        Assert.Equal(["0000:3b:01.0", "0000:3b:01.1"], fewer.Devices.Select(d => d.Id));

        // Without a marker: new VFs just appear at the next resync.
        await control.SetNumVfsAsync(pf, 6);
        await node.WaitIdleAsync();
        var more = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 6);
        Assert.Equal(6, more.Capacity);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task An_unbound_vf_is_unhealthy_until_bound_again_and_a_vanished_one_leaves()
    {
        using var node = SimNodes.Running("intel-e810", vfs: 2);
        await node.WaitIdleAsync();
        await using var h = await PluginHarness.CreateAsync(node, Config(Net), RegistrationMode.KubeletSocket);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 2);
        var control = new PciControl(node.Root, TimeProvider.System);
        var vf = PciAddress.Parse("0000:3b:01.1");

        await control.UnbindAsync(vf);
        var unbound = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 1);
        Assert.Equal("Unhealthy", unbound.Devices.Single(d => d.Id == vf.ToString()).Health);
        Assert.True(h.Log.Contains("intel.com/net: 0000:3b:01.1 is Unhealthy: function 0000:3b:01.1 is bound to no driver"));

        await control.BindDefaultDriverAsync(vf);
        await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Allocatable == 2);

        await control.SetNumVfsAsync(PciAddress.Parse("0000:3b:00.0"), 0);
        var empty = await h.Kubelet.WaitForResourceAsync("intel.com/net", r => r.Capacity == 0);
        Assert.True(h.Log.Contains("intel.com/net: 0000:3b:01.0 is Unhealthy: function 0000:3b:01.0 is gone"));
        Assert.True(h.Log.Contains("intel.com/net: 0000:3b:01.0 removed"));
        Assert.Equal(0, empty.Allocatable);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task An_rdma_vf_moved_into_a_pod_keeps_its_place_in_the_isrdma_pool_across_resyncs()
    {
        using var node = SimNodes.Tree("mlx-cx6", vfs: 2);
        await using var h = await PluginHarness.CreateAsync(node, Config(
            """{"resourceName":"rdma","selectors":{"devices":["101c"],"isRdma":true}}""",
            """{"resourceName":"eth","selectors":{"devices":["101c"]}}"""), RegistrationMode.KubeletSocket);
        await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/rdma", r => r.Allocatable == 4);

        // Exclusive RDMA netns mode: the CNI moved 0000:af:00.2's netdev and RDMA device into a pod, so the host's
        // sysfs lists neither. On 0000:af:00.3 only the RDMA device went (mlx5_ib unloaded): that one is plain Ethernet.
        var devices = Path.Join(node.Root.Sys, "bus/pci/devices");
        Directory.Delete(Path.Join(devices, "0000:af:00.2", "infiniband"), recursive: true);
        Directory.Delete(Path.Join(devices, "0000:af:00.2", "net"), recursive: true);
        Directory.Delete(Path.Join(devices, "0000:af:00.3", "infiniband"), recursive: true);

        var eth = await h.Kubelet.WaitForResourceAsync("intel.com/eth", r => r.Devices.Count > 0);
        Assert.Equal(["0000:af:00.3"], eth.Devices.Select(d => d.Id));
        var rdma = await h.Kubelet.WaitForResourceAsync("intel.com/rdma", r => r.Devices.Count == 3);
        Assert.Equal(["0000:af:00.2", "0000:af:01.2", "0000:af:01.3"], rdma.Devices.Select(d => d.Id));
        Assert.All(rdma.Devices, d => Assert.Equal("Healthy", d.Health));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 s");
            await Task.Delay(20);
        }
    }
}
