using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// Binding a real VF to vfio-pci and back: with an emulated IOMMU every VF has its own group and vfio-pci binds
/// through driver_override + drivers_probe; without one (Debian's kernel has no VFIO_NOIOMMU) vfio-pci's probe fails
/// with EINVAL and the VF is left without a driver.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class VfioTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string WithIommu = "vfio";
    private const string WithoutIommu = "vfio-no-iommu";

    // Moves VF 0 from its driver to vfio-pci the way a config daemon does, printing what each write answered.
    private const string BindVf0ToVfio = """
        rk_write enable "$RK_PF_SYS/sriov_numvfs" 2
        vf=$(rk_vf_pci 0)
        dev=/sys/bus/pci/devices/$vf
        rk_link group "$dev/iommu_group"
        rk_link pf_group "$RK_PF_SYS/iommu_group"
        rk_link vf1_group "$RK_PF_SYS/virtfn1/iommu_group"
        rk_write unbind "$dev/driver/unbind" "$vf"
        rk_write override "$dev/driver_override" vfio-pci
        rk_write probe /sys/bus/pci/drivers_probe "$vf"
        rk_link driver "$dev/driver"
        """;

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(WithIommu,
        [
            new GuestStep("bind", BindVf0ToVfio + "\n" + """
                group=$(rk_target "$dev/iommu_group")
                rk_exists vfio_node "/dev/vfio/$group"
                echo "vf0_netdev=$(rk_vf_if 0)"
                rk_try pf_mac ip link set "$RK_PF_IF" vf 0 mac 02:00:00:00:0b:01
                """),
            new GuestStep("back-to-igbvf", """
                vf=$(rk_vf_pci 0)
                dev=/sys/bus/pci/devices/$vf
                rk_write unbind /sys/bus/pci/drivers/vfio-pci/unbind "$vf"
                # An empty write clears driver_override (drivers/pci/pci-sysfs.c driver_override_store).
                rk_write override "$dev/driver_override" ""
                rk_read override_now "$dev/driver_override"
                rk_write probe /sys/bus/pci/drivers_probe "$vf"
                rk_link driver "$dev/driver"
                rk_wait 5 rk_has_vf_if 0
                echo "vf0_netdev=$(rk_vf_if 0)"
                """),
            new GuestStep("disable-while-bound", """
                vf=$(rk_vf_pci 0)
                dev=/sys/bus/pci/devices/$vf
                echo "$vf" >"$dev/driver/unbind"
                echo vfio-pci >"$dev/driver_override"
                echo "$vf" >/sys/bus/pci/drivers_probe
                rk_link driver "$dev/driver"
                rk_write disable "$RK_PF_SYS/sriov_numvfs" 0
                rk_exists vf_exists "$dev"
                """),
        ])
        { Iommu = true },
        new(WithoutIommu,
        [
            new GuestStep("bind", BindVf0ToVfio + "\n" + """
                rk_write explicit_bind /sys/bus/pci/drivers/vfio-pci/bind "$vf"
                dmesg | grep -c "vfio-pci: probe of $vf failed with error -22" | sed 's/^/probe_failures=/'
                rk_count iommu_groups "/sys/kernel/iommu_groups/*"
                """),
        ]),
    ];

    [Fact]
    public async Task With_an_iommu_each_vf_has_its_own_group_apart_from_the_pf()
    {
        var bind = await guests.StepAsync(WithIommu, "bind");

        Assert.NotEqual("", bind.Value("group"));
        Assert.NotEqual("", bind.Value("pf_group"));
        Assert.NotEqual(bind.Value("pf_group"), bind.Value("group"));
        Assert.NotEqual(bind.Value("vf1_group"), bind.Value("group"));
    }

    [Fact]
    public async Task With_an_iommu_a_vf_binds_to_vfio_pci_through_driver_override()
    {
        var bind = await guests.StepAsync(WithIommu, "bind");

        Assert.Equal("ok", bind.Value("unbind"));
        Assert.Equal("ok", bind.Value("override"));
        Assert.Equal("ok", bind.Value("probe"));
        Assert.Equal("vfio-pci", bind.Value("driver"));
        Assert.Equal("yes", bind.Value("vfio_node"));
        Assert.Equal("", bind.Value("vf0_netdev"));
    }

    [Fact]
    public async Task The_pf_still_sets_the_mac_of_a_vf_bound_to_vfio_pci()
    {
        var bind = await guests.StepAsync(WithIommu, "bind");

        Assert.Equal("ok", bind.Value("pf_mac"));
    }

    [Fact]
    public async Task Clearing_the_override_and_probing_returns_the_vf_to_igbvf_with_a_netdev()
    {
        var back = await guests.StepAsync(WithIommu, "back-to-igbvf");

        Assert.Equal("ok", back.Value("unbind"));
        Assert.Equal("(null)", back.Value("override_now"));
        Assert.Equal("ok", back.Value("probe"));
        Assert.Equal("igbvf", back.Value("driver"));
        Assert.StartsWith("eth", back.Value("vf0_netdev"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vfs_can_be_disabled_while_one_is_bound_to_vfio_pci()
    {
        var disable = await guests.StepAsync(WithIommu, "disable-while-bound");

        Assert.Equal("vfio-pci", disable.Value("driver"));
        Assert.Equal("ok", disable.Value("disable"));
        Assert.Equal("no", disable.Value("vf_exists"));
    }

    [Fact]
    public async Task Without_an_iommu_vfio_pci_refuses_the_vf_and_leaves_it_unbound()
    {
        var bind = await guests.StepAsync(WithoutIommu, "bind");

        Assert.Equal("0", bind.Value("iommu_groups"));
        Assert.Equal("", bind.Value("group"));
        // drivers_probe reports success even though no driver took the device; the failure is only in the kernel log.
        Assert.Equal("ok", bind.Value("probe"));
        Assert.Equal("", bind.Value("driver"));
        Assert.Equal("EINVAL", bind.Value("explicit_bind"));
        Assert.Equal("2", bind.Value("probe_failures"));
    }
}
