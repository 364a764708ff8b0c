using System.Globalization;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel;

/// <summary>
/// Writing sriov_numvfs on the real igb PF: VFs appear as igbvf netdevs at the addresses SR-IOV's offset and stride
/// give, and the kernel refuses changes between two non-zero counts (EBUSY) and counts over the total (ERANGE),
/// as drivers/pci/iov.c sriov_numvfs_store does.
/// </summary>
[Collection(RealKernelCollection.Name)]
[Trait("Category", "RealKernel")]
public sealed class VfCountTests(SimRealKernelGuests guests) : IRealKernelScenarios
{
    private const string Scenario = "vf-count";

    // Prints, for VF i: its address, ids, driver, physfn and netdev (waiting for igbvf's probe to register it).
    private const string DescribeVfs = """
        describe_vfs() {
          local i
          for ((i = 0; i < $1; i++)); do
            local v="$RK_PF_SYS/virtfn$i"
            rk_link "vf${i}_pci" "$v"
            rk_read "vf${i}_vendor" "$v/vendor"
            rk_read "vf${i}_device" "$v/device"
            rk_link "vf${i}_driver" "$v/driver"
            rk_link "vf${i}_physfn" "$v/physfn"
            rk_wait 5 rk_has_vf_if "$i"
            echo "vf${i}_if=$(rk_vf_if "$i")"
          done
        }
        """;

    public static IEnumerable<GuestScenario> Scenarios =>
    [
        new(Scenario,
        [
            new GuestStep("over-total-from-zero", """rk_write write "$RK_PF_SYS/sriov_numvfs" 8"""),
            new GuestStep("enable-2", DescribeVfs + "\n" + """
                rk_write write "$RK_PF_SYS/sriov_numvfs" 2
                rk_read numvfs "$RK_PF_SYS/sriov_numvfs"
                describe_vfs 2
                rk_exists virtfn2_exists "$RK_PF_SYS/virtfn2"
                """),
            new GuestStep("grow-while-enabled", """
                rk_write write "$RK_PF_SYS/sriov_numvfs" 3
                rk_read numvfs "$RK_PF_SYS/sriov_numvfs"
                """),
            new GuestStep("same-count", """rk_write write "$RK_PF_SYS/sriov_numvfs" 2"""),
            new GuestStep("over-total-while-enabled", """rk_write write "$RK_PF_SYS/sriov_numvfs" 9"""),
            new GuestStep("not-a-number", """rk_write write "$RK_PF_SYS/sriov_numvfs" abc"""),
            new GuestStep("disable", """
                vf0=$(rk_vf_pci 0)
                rk_write write "$RK_PF_SYS/sriov_numvfs" 0
                rk_read numvfs "$RK_PF_SYS/sriov_numvfs"
                rk_exists virtfn0_exists "$RK_PF_SYS/virtfn0"
                rk_exists vf0_device_exists "/sys/bus/pci/devices/$vf0"
                """),
            new GuestStep("enable-all", DescribeVfs + "\n" + """
                rk_write write "$RK_PF_SYS/sriov_numvfs" 7
                describe_vfs 7
                """, TimeSpan.FromSeconds(90)),
        ]),
    ];

    [Theory]
    [InlineData("over-total-from-zero", "ERANGE")]
    [InlineData("enable-2", "ok")]
    [InlineData("grow-while-enabled", "EBUSY")]
    [InlineData("same-count", "ok")]
    [InlineData("over-total-while-enabled", "ERANGE")]
    [InlineData("not-a-number", "EINVAL")]
    [InlineData("disable", "ok")]
    [InlineData("enable-all", "ok")]
    public async Task Writing_sriov_numvfs_gives_the_kernel_answer(string step, string expected)
    {
        var result = await guests.StepAsync(Scenario, step);

        Assert.Equal(expected, result.Value("write"));
    }

    [Fact]
    public async Task Enabling_two_vfs_creates_igbvf_vfs_with_netdevs_at_offset_and_stride()
    {
        var enable = await guests.StepAsync(Scenario, "enable-2");

        Assert.Equal("2", enable.Value("numvfs"));
        Assert.Equal("no", enable.Value("virtfn2_exists"));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(VfAddress(i), enable.Value($"vf{i}_pci"));
            Assert.Equal("0x8086", enable.Value($"vf{i}_vendor"));
            Assert.Equal("0x10ca", enable.Value($"vf{i}_device"));
            Assert.Equal("igbvf", enable.Value($"vf{i}_driver"));
            Assert.Equal("0000:01:00.0", enable.Value($"vf{i}_physfn"));
            Assert.StartsWith("eth", enable.Value($"vf{i}_if"), StringComparison.Ordinal);
        }

        Assert.NotEqual(enable.Value("vf0_if"), enable.Value("vf1_if"));
    }

    [Fact]
    public async Task A_refused_write_leaves_the_vf_count_unchanged()
    {
        var grow = await guests.StepAsync(Scenario, "grow-while-enabled");

        Assert.Equal("2", grow.Value("numvfs"));
    }

    [Fact]
    public async Task Disabling_removes_the_vf_devices()
    {
        var disable = await guests.StepAsync(Scenario, "disable");

        Assert.Equal("0", disable.Value("numvfs"));
        Assert.Equal("no", disable.Value("virtfn0_exists"));
        Assert.Equal("no", disable.Value("vf0_device_exists"));
    }

    [Fact]
    public async Task All_seven_vfs_follow_offset_and_stride_across_the_device_boundary()
    {
        var all = await guests.StepAsync(Scenario, "enable-all");

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(VfAddress(i), all.Value($"vf{i}_pci"));
            Assert.Equal("igbvf", all.Value($"vf{i}_driver"));
        }

        Assert.Equal(7, Enumerable.Range(0, 7).Select(i => all.Value($"vf{i}_if")).Distinct().Count());
    }

    /// <summary>
    /// VF i's routing ID is the PF's (bus 1, devfn 0) + sriov_offset (128) + i * sriov_stride (2), per the SR-IOV
    /// spec; devfn splits into device (bits 7..3) and function (bits 2..0): VF 4 is 01:11.0, not 01:10.8.
    /// </summary>
    private static string VfAddress(int index)
    {
        var devfn = 128 + (2 * index);
        return string.Create(CultureInfo.InvariantCulture, $"0000:01:{devfn >> 3:x2}.{devfn & 7}");
    }
}
