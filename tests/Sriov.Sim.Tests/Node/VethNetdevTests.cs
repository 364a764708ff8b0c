using System.Diagnostics;
using Sriov.Host.Sysfs;
using Sriov.Sim.Node;
using Sriov.Sim.Node.Profiles;

namespace Sriov.Sim.Tests.Node;

/// <summary>VF netdevs as real veths: live attributes, leaving and returning to the host, and dying with a pod's netns.</summary>
[Collection("Netns")]
[Trait("Category", "Netns")]
public sealed class VethNetdevTests : IDisposable
{
    private readonly string _pod = "sriovt-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _hostLinks = [];

    [Fact]
    public async Task Netdevs_are_real_interfaces_with_live_attributes()
    {
        using var node = Veth(vfs: 2);
        var pfName = node.Token + "eth0";
        var vf = await Vf(node, 0);
        var vfName = vf.Netdevs.Single().Name;
        Assert.Equal(node.Token + "eth1", vfName);

        var link = new FileInfo(Path.Join(vf.SysPath, "net", vfName)).LinkTarget;
        Assert.Equal($"/sys/devices/virtual/net/{vfName}", link);
        var pf = new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:01:00.0"))!.Netdevs.Single();
        Assert.Equal((pfName, "52:54:00:12:34:56", "up", true), (pf.Name, pf.Mac, pf.OperState, pf.Carrier));
        Assert.Equal(10000, pf.ReadSpeedMbps()); // what a veth reports

        Ip("link", "set", vfName, "mtu", "1400", "up");
        var live = (await Vf(node, 0)).Netdevs.Single();
        Assert.Equal((1400, "up", true), (live.Mtu, live.OperState, live.Carrier));
        Assert.Equal(new[] { pfName, node.Token + "eth1", node.Token + "eth2" }, Directory.GetFileSystemEntries(Path.Join(node.Root.Sys, "class/net")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_vf_moved_into_a_pod_leaves_sysfs_and_comes_back_with_it()
    {
        using var node = Veth(vfs: 1);
        var name = (await Vf(node, 0)).Netdevs.Single().Name;
        Ip("netns", "add", _pod);
        Ip("link", "set", name, "netns", _pod);
        await node.WaitIdleAsync();
        Assert.Empty((await Vf(node, 0)).Netdevs);
        Assert.False(Path.Exists(Path.Join(node.Root.Sys, "class/net", name)));

        Ip("-n", _pod, "link", "set", name, "netns", "1");
        await node.WaitIdleAsync();
        Assert.Equal(name, (await Vf(node, 0)).Netdevs.Single().Name);
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task A_vf_in_a_deleted_pod_netns_returns_to_the_host_with_its_pod_name()
    {
        using var node = Veth(vfs: 1);
        var name = (await Vf(node, 0)).Netdevs.Single().Name;
        var podName = "q" + node.Token;
        Ip("netns", "add", _pod);
        Ip("link", "set", name, "netns", _pod, "address", "02:aa:bb:cc:dd:01");
        Ip("-n", _pod, "link", "set", name, "name", podName);
        await node.WaitIdleAsync();
        _hostLinks.Add(podName);

        Ip("netns", "del", _pod);
        var back = await Eventually(node, f => f.Netdevs.Count > 0);
        var netdev = back.Netdevs.Single();
        Assert.Equal((podName, "02:aa:bb:cc:dd:01"), (netdev.Name, netdev.Mac));
        Assert.True(Directory.Exists(Path.Join("/sys/class/net", podName)));
    }

    [Fact]
    public async Task A_returning_vf_whose_name_is_taken_becomes_dev_ifindex()
    {
        using var node = Veth(vfs: 1);
        var name = (await Vf(node, 0)).Netdevs.Single().Name;
        var podName = "c" + node.Token;
        Ip("netns", "add", _pod);
        Ip("link", "set", name, "netns", _pod);
        Ip("-n", _pod, "link", "set", name, "name", podName);
        await node.WaitIdleAsync();
        Ip("link", "add", podName, "type", "veth", "peer", "name", "x" + node.Token);
        _hostLinks.Add(podName);

        Ip("netns", "del", _pod);
        var netdev = (await Eventually(node, f => f.Netdevs.Count > 0)).Netdevs.Single();
        var ifindex = File.ReadAllText(Path.Join("/sys/class/net", netdev.Name, "ifindex")).Trim();
        Assert.Equal("dev" + ifindex, netdev.Name);
        _hostLinks.Add(netdev.Name);
    }

    [Fact]
    public async Task Removing_the_vfs_removes_their_interface_from_a_pod_too()
    {
        using var node = Veth(vfs: 2);
        var name = (await Vf(node, 1)).Netdevs.Single().Name;
        Ip("netns", "add", _pod);
        Ip("link", "set", name, "netns", _pod);
        await node.WaitIdleAsync();

        File.WriteAllText(Path.Join(node.Root.Sys, "bus/pci/devices/0000:01:00.0/sriov_numvfs"), "0");
        await node.WaitIdleAsync();
        Assert.DoesNotContain(name, Ip("-n", _pod, "-o", "link", "show"));
        Assert.False(Directory.Exists(Path.Join("/sys/class/net", node.Token + "eth1")));
        Assert.Empty(node.Rejections);
    }

    [Fact]
    public async Task Disposing_the_node_removes_its_netns_and_interfaces()
    {
        string token, netns;
        using (var node = Veth(vfs: 3))
        {
            await node.WaitIdleAsync();
            (token, netns) = (node.Token, node.Netns!);
            Assert.Contains(netns, Ip("netns", "list"));
        }

        Assert.DoesNotContain(netns, Ip("netns", "list"));
        for (var i = 0; i < 100 && Ip("-o", "link", "show").Contains(token, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50); // netns cleanup runs asynchronously in the kernel
        }

        Assert.DoesNotContain(token, Ip("-o", "link", "show"));
    }

    public void Dispose()
    {
        foreach (var link in _hostLinks)
        {
            Run("ip", ["link", "del", link]);
        }

        Run("ip", ["netns", "del", _pod]);
    }

    private static SimNode Veth(int vfs)
    {
        var d = NodeProfiles.Get("igb");
        d.Ports[0].NumVfs = vfs;
        return SimNode.Create(d, new SimNodeOptions { Netdevs = NetdevMode.Veth, NetdevDelay = TimeSpan.FromMilliseconds(10) });
    }

    private static async Task<PciFunction> Vf(SimNode node, int index)
    {
        await node.WaitIdleAsync();
        var pf = new PciDiscovery(node.Root).Discover(PciAddress.Parse("0000:01:00.0"))!;
        var f = new PciDiscovery(node.Root).Discover(pf.Vfs[index].Address)!;
        Assert.Empty(f.Problems);
        return f;
    }

    /// <summary>Waits until VF 0 satisfies <paramref name="condition"/> (a deleted netns is cleaned up asynchronously).</summary>
    private static async Task<PciFunction> Eventually(SimNode node, Func<PciFunction, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var f = await Vf(node, 0);
            if (condition(f))
            {
                return f;
            }

            await Task.Delay(100);
        }

        Assert.Fail("VF 0 did not come back to the host within 10 s");
        return null!;
    }

    private static string Ip(params string[] args)
    {
        var (code, stdout, stderr) = Run("ip", args);
        Assert.True(code == 0, $"ip {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    private static (int, string, string) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }
}
