namespace Sriov.Host.Netlink;

/// <summary>A PF's devlink e-switch mode (<c>devlink dev eswitch show pci/ADDR</c>).</summary>
public enum EswitchMode
{
    /// <summary>The device has no devlink instance or no e-switch (igb, i40e: ENODEV/EOPNOTSUPP), or the kernel has no devlink.</summary>
    NotSupported,

    /// <summary>DEVLINK_ESWITCH_MODE_LEGACY: classic SR-IOV.</summary>
    Legacy,

    /// <summary>DEVLINK_ESWITCH_MODE_SWITCHDEV: VF representors, offloaded switching.</summary>
    Switchdev,
}
