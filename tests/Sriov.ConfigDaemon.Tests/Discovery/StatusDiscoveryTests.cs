using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Tests.Support;
using Sriov.Host.Netlink;

namespace Sriov.ConfigDaemon.Tests.Discovery;

/// <summary>status.interfaces from a simulated node of every profile (operator.md §1.2).</summary>
public sealed class StatusDiscoveryTests
{
    [Theory]
    [InlineData("intel-e810", "0000:3b:00.0,0000:3b:00.1", "ice", "iavf", "ETH", "100000 Mb/s", 128)]
    [InlineData("intel-x710", "0000:5e:00.0,0000:5e:00.1", "i40e", "iavf", "ETH", "10000 Mb/s", 64)]
    [InlineData("mlx-cx6", "0000:af:00.0,0000:af:00.1", "mlx5_core", "mlx5_core", "ETH", "100000 Mb/s", 8)]
    [InlineData("mlx-cx6-ib", "0000:d8:00.0,0000:d8:00.1", "mlx5_core", "mlx5_core", "IB", "200000 Mb/s", 8)]
    [InlineData("igb", "0000:01:00.0", "igb", "igbvf", "ETH", "1000 Mb/s", 7)]
    [InlineData("accel", "", "", "", "", "", 0)]
    public async Task Every_supported_pf_is_reported_with_its_vfs(
        string profile, string pfs, string driver, string vfDriver, string linkType, string speed, int totalVfs)
    {
        using var node = Nodes.WithVfs(profile, 3);
        await node.WaitIdleAsync();
        var sim = new SimHost(node);
        var snapshot = NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: false);

        var status = StatusBuilder.Interfaces(snapshot);

        Assert.Equal(pfs.Split(',', StringSplitOptions.RemoveEmptyEntries), status.Select(i => i.PciAddress));
        foreach (var pf in status)
        {
            var port = node.Description.Ports.Single(p => p.PciAddress == pf.PciAddress);
            Assert.Equal((port.Netdev, port.Mac, driver, port.Vendor, port.Device), (pf.Name, pf.Mac, pf.Driver, pf.Vendor, pf.DeviceId));
            Assert.Equal((port.Mtu ?? 1500, 3, totalVfs), (pf.Mtu, pf.NumVfs, pf.TotalVfs));
            Assert.Equal((linkType, speed, "up", "legacy"), (pf.LinkType, pf.LinkSpeed, pf.LinkAdminState, pf.ESwitchMode));
            Assert.Null(pf.ExternallyManaged);
            Assert.Equal([0, 1, 2], pf.Vfs!.Select(v => v.VfId));
            foreach (var vf in pf.Vfs!)
            {
                Assert.Equal((vfDriver, port.Vendor, port.VfDevice), (vf.Driver, vf.Vendor, vf.DeviceId));
                Assert.NotNull(vf.Name);
                Assert.Matches("^([0-9a-f]{2}:)+[0-9a-f]{2}$", vf.Mac!);
                Assert.Equal(port.Mtu ?? 1500, vf.Mtu);
                Assert.Equal(0, vf.Vlan);
                Assert.Equal(linkType == "IB" ? "0000:0000:0000:0000" : null, vf.NodeGuid);
            }
        }
    }

    [Fact]
    public async Task Mixed_node_reports_the_network_pfs_only_and_their_eswitch_mode()
    {
        using var node = Nodes.WithVfs("mixed", 1);
        await node.WaitIdleAsync();
        var sim = new SimHost(node);
        sim.Eswitch["0000:af:00.0"] = EswitchMode.Switchdev;
        sim.Links.AltNamesByInterface["ens1f0"] = ["enp59s0f0"];

        var status = StatusBuilder.Interfaces(NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: false));

        Assert.Equal(8, status.Count); // e810, x710, cx6, cx6-ib: two ports each; the accelerator is not a NIC
        Assert.DoesNotContain(status, i => i.PciAddress == "0000:17:00.0");
        Assert.Equal("switchdev", status.Single(i => i.PciAddress == "0000:af:00.0").ESwitchMode);
        Assert.Equal(["enp59s0f0"], status.Single(i => i.Name == "ens1f0").AltNames);
    }

    [Fact]
    public async Task Unsupported_models_are_left_out_unless_dev_mode()
    {
        using var node = Nodes.Running("intel-e810", d => d.Ports[1].Device = "1234");
        var sim = new SimHost(node);

        var normal = StatusBuilder.Interfaces(NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: false));
        var dev = StatusBuilder.Interfaces(NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: true));
        var extended = SupportedNicList.FromConfigMapData(new Dictionary<string, string> { ["custom"] = "8086 1234 1889" }, []);
        var fromConfigMap = StatusBuilder.Interfaces(NodeDiscovery.Discover(sim.Host, extended, devMode: false));

        Assert.Equal(["0000:3b:00.0"], normal.Select(i => i.PciAddress));
        Assert.Equal(["0000:3b:00.0", "0000:3b:00.1"], dev.Select(i => i.PciAddress));
        Assert.Equal(["0000:3b:00.1"], fromConfigMap.Select(i => i.PciAddress));
    }

    [Fact]
    public async Task Pf_side_vlan_and_the_record_flag_reach_the_status()
    {
        using var node = Nodes.WithVfs("intel-e810", 2);
        await node.WaitIdleAsync();
        var sim = new SimHost(node);
        sim.Vfs.SetVlan("ens1f0", 1, 100);
        Directory.CreateDirectory(Path.Join(node.Root.OperatorState, "pci"));
        File.WriteAllText(Path.Join(node.Root.OperatorState, "pci", "0000:3b:00.1"), """{"pciAddress":"0000:3b:00.1","numVfs":2,"externallyManaged":true}""");

        var status = StatusBuilder.Interfaces(NodeDiscovery.Discover(sim.Host, SupportedNicList.BuiltIn, devMode: false));

        Assert.Equal([0, 100], status[0].Vfs!.Select(v => v.Vlan));
        Assert.Equal((null, true), (status[0].ExternallyManaged, status[1].ExternallyManaged));
    }
}
