using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

public sealed class RunArgumentsTests
{
    [Fact]
    public void Defaults_give_a_plain_guest_with_the_pf_up()
    {
        var args = RunArguments.Build("/r", new GuestOptions(), TimeSpan.FromSeconds(90.2));

        Assert.Equal(
            ["--dir", "/r", "--timeout", "91", "--smp", "1", "--memory", "512", "--modules", "igb,igbvf,vfio-pci,vfio_iommu_type1"],
            args);
    }

    [Fact]
    public void Iommu_and_pf_down_add_their_flags()
    {
        var args = RunArguments.Build("/r", new GuestOptions { Iommu = true, PfUp = false, Cpus = 2, Modules = ["igb"] }, TimeSpan.FromSeconds(10));

        Assert.Equal(["--dir", "/r", "--timeout", "10", "--smp", "2", "--memory", "512", "--modules", "igb", "--iommu", "--no-pf-up"], args);
    }

    public static TheoryData<GuestOptions, string> Invalid => new()
    {
        { new GuestOptions { Cpus = 0 }, "Cpus" },
        { new GuestOptions { Cpus = 17 }, "Cpus" },
        { new GuestOptions { MemoryMiB = 128 }, "MemoryMiB" },
        { new GuestOptions { Modules = [] }, "Modules" },
        { new GuestOptions { Modules = ["igb", "vfio pci"] }, "'vfio pci'" },
        { new GuestOptions { Modules = ["igb,igbvf"] }, "'igb,igbvf'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_refused_naming_the_option(GuestOptions options, string named)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => RunArguments.Build("/r", options, TimeSpan.FromSeconds(10)));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
