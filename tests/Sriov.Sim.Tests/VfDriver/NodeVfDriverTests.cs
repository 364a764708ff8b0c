using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;
using Sriov.Host.VfControl;
using Sriov.Sim.Node;
using Sriov.Sim.Tests.Node;
using Sriov.Sim.VfDriver;

namespace Sriov.Sim.Tests.VfDriver;

/// <summary>The driver emulator attached to a simulated node (files mode: no root needed).</summary>
public sealed class NodeVfDriverTests
{
    private static readonly PciAddress PfAddress = PciAddress.Parse("0000:01:00.0");

    [Fact]
    public void It_answers_for_each_pf_interface_with_the_vfs_the_node_has()
    {
        using var node = KernelEmulatorTests.Start("igb", numVfs: 2);
        using var driver = new NodeVfDriver(node, VfDriverProfile.Igb);

        Assert.Equal("eth0", driver.PfNames[PfAddress]);
        Assert.Equal([0, 1], driver.GetVfs("eth0").Select(v => v.Vf));
        Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<NetlinkException>(() => driver.SetLinkState("eth0", 0, VfLinkState.Enable)).Errno);
    }

    [Fact]
    public async Task Vfs_re_created_through_sysfs_start_from_the_drivers_defaults()
    {
        using var node = KernelEmulatorTests.Start("igb", numVfs: 2);
        using var driver = new NodeVfDriver(node, VfDriverProfile.Igb);
        driver.SetVlan("eth0", 1, 200);
        driver.SetTrust("eth0", 1, true);

        await SetNumVfsAsync(node, 0);
        Assert.Empty(driver.GetVfs("eth0"));
        await SetNumVfsAsync(node, 3);

        Assert.Equal(3, driver.GetVfs("eth0").Count);
        Assert.Equal((0, false), (driver.GetVf("eth0", 1).Vlan, driver.GetVf("eth0", 1).Trust));
    }

    [Fact]
    public async Task A_rate_limit_sees_the_pf_interfaces_carrier()
    {
        using var node = KernelEmulatorTests.Start("igb", numVfs: 1);
        using var driver = new NodeVfDriver(node, VfDriverProfile.Igb);
        driver.SetRate("eth0", 0, 0, 100);

        await File.WriteAllTextAsync(node.Root.Resolve("sys/class/net/eth0/carrier"), "0\n");
        var e = Assert.Throws<NetlinkException>(() => driver.SetRate("eth0", 0, 0, 200));

        Assert.Equal("set VF 0 rate min 0 max 200 Mbps on eth0: Invalid argument (EINVAL)", e.Message);
        Assert.Equal(100, driver.GetVf("eth0", 0).MaxTxRateMbps);
    }

    [Fact]
    public async Task While_the_pf_has_no_interface_every_request_is_enodev_like_rtnetlinks()
    {
        using var node = KernelEmulatorTests.Start("igb", numVfs: 1);
        using var driver = new NodeVfDriver(node, VfDriverProfile.Igb);
        KernelEmulatorTests.Write(node, "bus/pci/drivers/igb/unbind", "0000:01:00.0");
        await node.WaitIdleAsync();

        Assert.Equal("get VFs of eth0: No such device (ENODEV)", Assert.Throws<NetlinkException>(() => driver.GetVfs("eth0")).Message);
        Assert.Equal(
            "set VF 0 MAC 02:00:00:00:00:01 on eth0: No such device (ENODEV)",
            Assert.Throws<NetlinkException>(() => driver.SetMac("eth0", 0, MacAddress.Parse("02:00:00:00:00:01"))).Message);
    }

    [Fact]
    public async Task A_vf_probed_again_takes_the_admin_mac_as_igbvf_does()
    {
        using var node = KernelEmulatorTests.Start("igb", numVfs: 1);
        using var driver = new NodeVfDriver(node, VfDriverProfile.Igb);
        var before = File.ReadAllText(node.Root.Resolve("sys/class/net/eth1/address")).Trim();
        driver.SetMac("eth0", 0, MacAddress.Parse("02:00:00:00:0c:01"));
        Assert.Equal(before, File.ReadAllText(node.Root.Resolve("sys/class/net/eth1/address")).Trim());

        var control = new PciControl(node.Root, TimeProvider.System);
        await control.UnbindAsync(PciAddress.Parse("0000:01:10.0"));
        await control.BindDefaultDriverAsync(PciAddress.Parse("0000:01:10.0"));
        var netdev = await control.WaitForNetdevAsync(PciAddress.Parse("0000:01:10.0"));

        Assert.Equal("02:00:00:00:0c:01", File.ReadAllText(node.Root.Resolve($"sys/bus/pci/devices/0000:01:10.0/net/{netdev}/address")).Trim());
    }

    [Fact]
    public void Disposing_detaches_it_from_the_node()
    {
        using var node = KernelEmulatorTests.Start("igb");
        new NodeVfDriver(node, VfDriverProfile.Igb).Dispose();

        Assert.Null(node.VfAdminMac);
    }

    private static async Task SetNumVfsAsync(SimNode node, int count)
    {
        await new PciControl(node.Root, TimeProvider.System).SetNumVfsAsync(PfAddress, count);
        await node.WaitIdleAsync();
    }
}
