namespace Sriov.Sim.RealKernel;

/// <summary>How the real-kernel guest boots (hack/realkernel/run.sh's options).</summary>
public sealed record GuestOptions
{
    /// <summary>The modules guest/init loads at boot, as a real host's udev would: the PF and VF drivers and VFIO.</summary>
    public static readonly IReadOnlyList<string> DefaultModules = ["igb", "igbvf", "vfio-pci", "vfio_iommu_type1"];

    /// <summary>Adds an emulated Intel IOMMU: VFs get IOMMU groups and can bind to vfio-pci.</summary>
    public bool Iommu { get; init; }

    /// <summary>
    /// Guest CPUs. One: the tier runs two guests at once on two host cores, and two TCG vCPUs per guest then
    /// oversubscribe the cores; multi-threaded TCG makes a guest's vCPUs wait for each other (cross-CPU TLB flushes,
    /// exclusive sections, IPIs), so the shared pass took 250 s with two vCPUs each and 164 s with one, using less CPU
    /// (docs/testing.md, "Costs"). A guest alone boots as fast with one as with two.
    /// </summary>
    public int Cpus { get; init; } = 1;

    public int MemoryMiB { get; init; } = 512;

    /// <summary>Time allowed for boot and power-off on top of the steps' own timeouts.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public IReadOnlyList<string> Modules { get; init; } = DefaultModules;

    /// <summary>Bring the igb PF up at boot and wait for its carrier (VF rate limits need it).</summary>
    public bool PfUp { get; init; } = true;

    /// <summary>Keep the run directory (.work/realkernel/runs/...) after the run, for debugging.</summary>
    public bool KeepRunDirectory { get; init; }
}
