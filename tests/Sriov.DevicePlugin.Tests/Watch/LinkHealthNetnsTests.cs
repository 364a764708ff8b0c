using Sriov.DevicePlugin.Tests.Support;
using Sriov.Sim.Kubelet;
using Sriov.Sim.Node;

namespace Sriov.DevicePlugin.Tests.Watch;

/// <summary>
/// PF link health from rtnetlink events, on a simulated node whose netdevs are real veths: the PF end loses carrier
/// when its peer (in the node's own netns) goes down. The resync is set far beyond the waits, so only the link events
/// can change health in time.
/// </summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class LinkHealthNetnsTests
{
    private static readonly Sriov.DevicePlugin.Watch.PluginTimings EventsOnly = PluginHarness.FastTimings with { Resync = TimeSpan.FromMinutes(5) };

    private static string Config(SimNode node) => $$$"""
        {"resourceList":[
          {"resourceName":"pf0","selectors":{"pfNames":["{{{node.Token}}}ens1f0"]}},
          {"resourceName":"pf1","selectors":{"pfNames":["{{{node.Token}}}ens1f1"]}}
        ]}
        """;

    [Fact]
    public async Task A_pf_losing_carrier_or_going_down_makes_its_vfs_unhealthy_until_it_is_back()
    {
        using var node = SimNodes.Running("intel-e810", vfs: 2, netdevs: NetdevMode.Veth);
        await node.WaitIdleAsync();
        await using var h = await PluginHarness.CreateAsync(node, Config(node), RegistrationMode.PluginWatcher);
        await h.StartPluginAsync(EventsOnly);
        await h.Kubelet.WaitForResourceAsync("intel.com/pf0", r => r.Allocatable == 2);
        await h.Kubelet.WaitForResourceAsync("intel.com/pf1", r => r.Allocatable == 2);

        Ip.Run("-n", node.Netns!, "link", "set", "p00003b00", "down");
        var lost = await h.Kubelet.WaitForResourceAsync("intel.com/pf0", r => r.Allocatable == 0);
        Assert.Equal(2, lost.Capacity);
        Assert.All(lost.Devices, d => Assert.Equal("Unhealthy", d.Health));
        Assert.Equal(2, h.Kubelet.GetResource("intel.com/pf1")!.Allocatable);
        Assert.True(h.Log.Contains($"intel.com/pf0: 0000:3b:01.0 is Unhealthy: PF netdev {node.Token}ens1f0 has no carrier"));

        Ip.Run("-n", node.Netns!, "link", "set", "p00003b00", "up");
        await h.Kubelet.WaitForResourceAsync("intel.com/pf0", r => r.Allocatable == 2);

        Ip.Run("link", "set", node.Token + "ens1f1", "down");
        await h.Kubelet.WaitForResourceAsync("intel.com/pf1", r => r.Allocatable == 0);
        Assert.True(h.Log.Contains($"intel.com/pf1: 0000:3b:11.0 is Unhealthy: PF netdev {node.Token}ens1f1 is down"));
        Ip.Run("link", "set", node.Token + "ens1f1", "up");
        await h.Kubelet.WaitForResourceAsync("intel.com/pf1", r => r.Allocatable == 2);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task With_health_link_off_carrier_does_not_matter()
    {
        using var node = SimNodes.Running("intel-e810", vfs: 1, netdevs: NetdevMode.Veth);
        await node.WaitIdleAsync();
        await using var h = await PluginHarness.CreateAsync(node, Config(node), RegistrationMode.KubeletSocket, change: o => o with { HealthLink = false });
        var host = await h.StartPluginAsync();
        await h.Kubelet.WaitForResourceAsync("intel.com/pf0", r => r.Allocatable == 1);

        Ip.Run("-n", node.Netns!, "link", "set", "p00003b00", "down");
        var rounds = host.Rediscoveries;
        while (host.Rediscoveries < rounds + 2)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, h.Kubelet.GetResource("intel.com/pf0")!.Allocatable);
    }
}
