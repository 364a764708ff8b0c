namespace Sriov.Sim.Node.Description;

/// <summary>The node's IOMMU, which decides whether functions have <c>iommu_group</c> links and whether vfio-pci can bind.</summary>
public enum IommuMode
{
    /// <summary>intel_iommu=on: every function, VFs included, gets its own group (root port ACS, as real-kernel.md observed).</summary>
    On,

    /// <summary>No IOMMU: no groups; vfio-pci's probe fails with EINVAL.</summary>
    Off,

    /// <summary>vfio's enable_unsafe_noiommu_mode: no groups until vfio-pci binds, which creates a group named <c>vfio-noiommu</c>.</summary>
    NoIommu,
}
