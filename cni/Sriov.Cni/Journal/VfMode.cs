namespace Sriov.Cni.Journal;

/// <summary>How the VF is attached: its kernel netdev moves into the pod, or (userspace driver) only PF-side settings apply.</summary>
internal enum VfMode
{
    /// <summary>A kernel netdev, moved into the pod's netns and renamed to CNI_IFNAME.</summary>
    Netdev,

    /// <summary>vfio-pci, uio_pci_generic or igb_uio: no netdev; PF-side settings only; IPAM allocates but nothing is configured.</summary>
    Userspace,
}
