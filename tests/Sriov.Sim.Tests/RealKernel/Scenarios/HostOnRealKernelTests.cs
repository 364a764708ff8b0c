namespace Sriov.Sim.Tests.RealKernel.Scenarios;

/// <summary>
/// <c>Sriov.Host</c>'s sysfs side on the real kernel and the real igb driver (issue 3): PciDiscovery on the real tree,
/// PciControl's VF counts and driver binds, and our errors, read from the records of the built-in scenarios
/// (scripts in hack/Sriov.Sim/Scenario/Scripts, run in the guests by <see cref="DifferentialTests"/>).
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class HostOnRealKernelTests(SimRealKernelGuests guests)
{
    [Fact]
    public async Task Discovery_finds_the_igb_pf_with_its_ids_driver_netdev_and_total()
    {
        var count = await ScenarioRecords.RealAsync(guests, "count");
        var run = await guests.RunOfAsync(ScenarioRecords.PlainScenario);
        var found = count.At(0, "discover");

        Assert.Equal("0000:01:00.0(igb)", found.Value("inventory.pfs"));
        Assert.Equal("0", found.Value("inventory.vfs"));
        Assert.Null(found.Value("inventory.problems"));
        Assert.Equal(("8086:10c9", "020000", "igb", "7", "0"),
            (found.Value("pf.id"), found.Value("pf.class"), found.Value("pf.driver"), found.Value("pf.totalvfs"), found.Value("pf.numvfs")));
        Assert.Equal(run.Boot.PfInterface, found.Value("pf.netdev"));
        Assert.Null(found.Value("pf.iommu"));
        Assert.Null(found.Value("pf.problems"));
    }

    [Fact]
    public async Task Devlink_answers_not_supported_for_igb_rather_than_an_error()
    {
        // igb registers no devlink instance: the kernel answers ENODEV to DEVLINK_CMD_ESWITCH_GET (real-nic.md §3).
        var found = (await ScenarioRecords.RealAsync(guests, "count")).At(0, "discover");

        Assert.Equal("NotSupported", found.Value("pf.eswitch"));
    }

    [Fact]
    public async Task Discovery_finds_each_vf_at_offset_and_stride_on_igbvf_with_its_netdev()
    {
        var found = (await ScenarioRecords.RealAsync(guests, "count")).At(5, "discover");

        Assert.Equal("2", found.Value("inventory.vfs"));
        Assert.Null(found.Value("inventory.problems"));
        for (var i = 0; i < 2; i++)
        {
            // igb: offset 128, stride 2 from routing ID 01:00.0 (real-nic.md §3).
            Assert.Equal(i == 0 ? "0000:01:10.0" : "0000:01:10.2", found.Value($"vf{i}.pci"));
            Assert.Equal(("8086:10ca", "igbvf", "0000:01:00.0"), (found.Value($"vf{i}.id"), found.Value($"vf{i}.driver"), found.Value($"vf{i}.physfn")));
            Assert.StartsWith("eth", found.Value($"vf{i}.netdev"), StringComparison.Ordinal);
            Assert.Equal("1500", found.Value($"vf{i}.mtu"));
            Assert.Null(found.Value($"vf{i}.iommu"));
            Assert.Null(found.Value($"vf{i}.problems"));
        }
    }

    [Fact]
    public async Task With_an_iommu_discovery_reports_a_group_for_the_pf_and_one_of_its_own_for_each_vf()
    {
        var enabled = (await ScenarioRecords.RealAsync(guests, "vfio")).At(0, "numvfs 2");

        Assert.Equal("yes", enabled.Value("pf.iommu"));
        Assert.Equal("own", enabled.Value("vf0.iommu"));
        Assert.Equal("own", enabled.Value("vf1.iommu"));
    }

    [Fact]
    public async Task Vf_count_goes_from_zero_to_n_and_from_n_to_m_without_ebusy()
    {
        var count = await ScenarioRecords.RealAsync(guests, "count");
        var two = count.At(2, "numvfs 2");
        var three = count.At(6, "numvfs 3");

        Assert.Equal(("ok", true, "2"), (two.Outcome, two.Changed, two.Value("pf.numvfs")));

        // PciControl writes 0 first (the kernel answers EBUSY to 2 -> 3), so the VFs are re-created: VF 1 loses its VLAN.
        Assert.Equal(("ok", true, "3"), (three.Outcome, three.Changed, three.Value("pf.numvfs")));
        Assert.Equal("200", count.At(3, "vf-vlan 1 200").Value("admin1.vlan"));
        Assert.Equal("0", three.Value("admin1.vlan"));
        Assert.Equal("igbvf", three.Value("vf2.driver"));
    }

    [Fact]
    public async Task Asking_for_the_count_the_pf_has_writes_nothing()
    {
        var again = (await ScenarioRecords.RealAsync(guests, "count")).At(7, "numvfs 3");

        Assert.Equal(("ok", false), (again.Outcome, again.Changed));
    }

    [Fact]
    public async Task More_vfs_than_the_total_is_our_clear_error_before_any_write()
    {
        var over = (await ScenarioRecords.RealAsync(guests, "count")).At(1, "numvfs 8");

        Assert.Equal(("error", "SysfsRequestException"), (over.Outcome, over.ErrorType));
        Assert.Equal("PF 0000:01:00.0 [eth0]: cannot create 8 VFs, sriov_totalvfs is 7; ask for at most 7", over.Message);
        Assert.Equal("0", over.Value("pf.numvfs"));
    }

    [Theory]
    [InlineData(8, "numvfs-raw 8", "ERANGE", "Numerical result out of range (ERANGE): the count is more than the PF allows (sriov_totalvfs is 7)")]
    [InlineData(9, "numvfs-raw 2", "EBUSY", "Device or resource busy (EBUSY): VFs are already enabled on this PF")]
    public async Task The_kernels_errno_for_an_unchecked_sriov_numvfs_write_is_our_message_naming_file_value_and_errno(
        int index, string op, string errno, string expected)
    {
        // Written without PciControl's checks, so igb's PF (3 VFs) answers itself (drivers/pci/iov.c sriov_numvfs_store:
        // ERANGE over sriov_totalvfs before EBUSY for a non-zero count while VFs exist); nothing changes.
        var step = (await ScenarioRecords.RealAsync(guests, "count")).At(index, op);

        Assert.Equal((errno, "SysfsWriteException", "3"), (step.Outcome, step.ErrorType, step.Value("pf.numvfs")));
        Assert.StartsWith($"PF 0000:01:00.0 [eth0]: writing '{op[^1]}' to sriov_numvfs failed with {expected}", step.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pf_without_its_driver_has_no_vfs_and_vf_counts_are_refused_with_what_to_do()
    {
        var count = await ScenarioRecords.RealAsync(guests, "count");
        var unbound = count.At(13, "unbind pf");
        var refused = count.At(14, "numvfs 2");
        var rebound = count.At(15, "bind-default pf");

        // igb's remove disables SR-IOV; without a driver's limit sriov_totalvfs shows the 82576's 8.
        Assert.Equal((null, "0", "8"), (unbound.Value("pf.driver"), unbound.Value("pf.numvfs"), unbound.Value("pf.totalvfs")));
        Assert.DoesNotContain("vf0.pci", unbound.State.Keys);
        Assert.Equal("ENODEV", unbound.Value("admin"));
        Assert.Equal("PF 0000:01:00.0 has no driver bound, and the kernel creates VFs only through the PF's driver; bind the PF to its NIC driver first", refused.Message);
        Assert.Equal(("igb", "7", "false"), (rebound.Value("pf.driver"), rebound.Value("pf.totalvfs"), rebound.Value("pf.up")));
    }

    [Fact]
    public async Task An_unbound_vf_goes_back_to_igbvf_and_gets_an_interface()
    {
        var count = await ScenarioRecords.RealAsync(guests, "count");
        var unbound = count.At(10, "unbind 1");
        var back = count.At(11, "bind-default 1");

        Assert.Equal((true, null, null), (unbound.Changed, unbound.Value("vf1.driver"), unbound.Value("vf1.netdev")));
        Assert.Equal((true, "igbvf"), (back.Changed, back.Value("vf1.driver")));
        Assert.StartsWith("eth", count.At(12, "wait-netdev 1").Value("vf1.netdev"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vf_binds_to_vfio_pci_and_back_to_igbvf_through_pci_control()
    {
        var vfio = await ScenarioRecords.RealAsync(guests, "vfio");
        var bound = vfio.At(1, "bind 0 vfio-pci");
        var back = vfio.At(3, "bind-default 0");

        Assert.Equal(("ok", "vfio-pci", null, null), (bound.Outcome, bound.Value("vf0.driver"), bound.Value("vf0.netdev"), bound.Value("vf0.override")));
        Assert.Equal(("ok", "igbvf", null), (back.Outcome, back.Value("vf0.driver"), back.Value("vf0.override")));
        Assert.StartsWith("eth", vfio.At(4, "wait-netdev 0").Value("vf0.netdev"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pf_sets_the_mac_of_a_vf_on_vfio_pci_and_igbvf_takes_it_when_it_probes_again()
    {
        var vfio = await ScenarioRecords.RealAsync(guests, "vfio");

        Assert.Equal("02:00:00:00:0b:01", vfio.At(2, "vf-mac 0 02:00:00:00:0b:01").Value("admin0.mac"));
        Assert.Equal("02:00:00:00:0b:01", vfio.At(3, "bind-default 0").Value("vf0.mac"));
    }

    [Fact]
    public async Task Vfs_are_removed_while_one_is_on_vfio_pci()
    {
        var vfio = await ScenarioRecords.RealAsync(guests, "vfio");

        Assert.Equal("vfio-pci", vfio.At(5, "bind 1 vfio-pci").Value("vf1.driver"));
        var removed = vfio.At(6, "numvfs 0");
        Assert.Equal(("ok", "0"), (removed.Outcome, removed.Value("pf.numvfs")));
        Assert.DoesNotContain("vf1.pci", removed.State.Keys);
    }

    [Fact]
    public async Task Vfio_pci_without_an_iommu_is_our_actionable_error_and_nothing_is_written()
    {
        var refused = (await ScenarioRecords.RealAsync(guests, "count")).At(4, "bind 0 vfio-pci");

        Assert.Equal(("error", "SysfsRequestException"), (refused.Outcome, refused.ErrorType));
        Assert.Equal(
            "VF 0000:01:10.0 (#0 of PF 0000:01:00.0) [eth1]: driver vfio-pci needs an iommu_group and the function has none; " +
            "enable the IOMMU (intel_iommu=on or amd_iommu=on) or vfio's no-IOMMU mode (enable_unsafe_noiommu_mode)",
            refused.Message);
        Assert.Equal(("igbvf", null), (refused.Value("vf0.driver"), refused.Value("vf0.override")));
    }
}
