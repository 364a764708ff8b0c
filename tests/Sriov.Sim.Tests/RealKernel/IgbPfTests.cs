using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// The igb PF as the real kernel shows it before any VF exists: the facts the simulator's igb profile is checked
/// against (spec real-nic.md §3).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class IgbPfTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "igb-pf";

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("sysfs", """
                for f in vendor device class sriov_totalvfs sriov_numvfs sriov_offset sriov_stride sriov_vf_device \
                         sriov_drivers_autoprobe sriov_vf_total_msix; do
                  rk_read "$f" "$RK_PF_SYS/$f"
                done
                rk_link driver "$RK_PF_SYS/driver"
                rk_count netdev_count "$RK_PF_SYS/net/*"
                echo "netdev=$(rk_target "$RK_PF_SYS/net/$RK_PF_IF")"
                for f in phys_port_name phys_switch_id dev_port carrier speed; do
                  rk_read "net_$f" "/sys/class/net/$RK_PF_IF/$f"
                done
                rk_count virtfns "$RK_PF_SYS/virtfn*"
                echo "devlink_devices=$(devlink dev show 2>/dev/null | wc -l)"
                """),
        ]),
    ];

    [Theory]
    [InlineData("vendor", "0x8086")]
    [InlineData("device", "0x10c9")]
    [InlineData("class", "0x020000")]
    [InlineData("sriov_totalvfs", "7")]
    [InlineData("sriov_numvfs", "0")]
    [InlineData("sriov_offset", "128")]
    [InlineData("sriov_stride", "2")]
    [InlineData("sriov_vf_device", "10ca")]
    [InlineData("sriov_drivers_autoprobe", "1")]
    [InlineData("sriov_vf_total_msix", "0")]
    [InlineData("driver", "igb")]
    [InlineData("virtfns", "0")]
    public async Task Pf_sysfs_attribute_has_the_igb_value(string attribute, string expected)
    {
        var sysfs = await guests.StepAsync(Scenario, "sysfs");

        Assert.Equal(expected, sysfs.Value(attribute));
    }

    [Theory]
    // igb registers no switchdev port, so the port name and switch id reads fail (the kernel's dev_get_port_parent_id).
    [InlineData("net_phys_port_name", "EOPNOTSUPP")]
    [InlineData("net_phys_switch_id", "EOPNOTSUPP")]
    [InlineData("net_dev_port", "0")]
    [InlineData("net_carrier", "1")]
    [InlineData("net_speed", "1000")]
    public async Task Pf_netdev_attribute_has_the_igb_value(string attribute, string expected)
    {
        var sysfs = await guests.StepAsync(Scenario, "sysfs");

        Assert.Equal(expected, sysfs.Value(attribute));
    }

    [Fact]
    public async Task Pf_has_one_netdev_named_by_the_kernel_and_no_devlink_device()
    {
        var run = await guests.RunOfAsync(Scenario);
        var sysfs = run.Step($"{Scenario}/sysfs");

        Assert.Equal("1", sysfs.Value("netdev_count"));
        Assert.Equal(run.Boot.PfInterface, sysfs.Value("netdev"));
        Assert.StartsWith("eth", sysfs.Value("netdev"), StringComparison.Ordinal);
        Assert.Equal("0", sysfs.Value("devlink_devices"));
    }
}
