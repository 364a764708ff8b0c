using Sriov.Host.Netlink;
namespace Sriov.Host.Sysfs;

/// <summary>
/// What an errno from a sysfs write means and what to do about it. Pure; the kernel facts are from
/// drivers/pci/iov.c (<c>sriov_numvfs_store</c>), drivers/base/bus.c (<c>bind_store</c>, <c>unbind_store</c>) and
/// drivers/pci/pci-sysfs.c (<c>driver_override_store</c>).
/// </summary>
internal static class WriteErrorAdvice
{
    public static string For(SysfsWriteKind kind, int errno, string? driver = null, int? totalVfs = null) => (kind, errno) switch
    {
        (SysfsWriteKind.NumVfs, Errno.EBUSY) =>
            "VFs are already enabled on this PF and the kernel only changes the count from 0: another agent changed it "
            + "since it was read, or a VF is in use (assigned to a VM through vfio); re-read the PF, write 0 first, retry",
        (SysfsWriteKind.NumVfs, Errno.ERANGE) =>
            $"the count is more than the PF allows (sriov_totalvfs{(totalVfs is { } t ? $" is {t}" : "")}); ask for fewer "
            + "VFs (on Mellanox NICs the firmware setting SRIOV_NUM_OF_VFS caps it: raise it with mlxconfig and reboot)",
        (SysfsWriteKind.NumVfs, Errno.EINVAL) => "the kernel did not accept the value as a VF count",
        (SysfsWriteKind.NumVfs, Errno.ENOENT) =>
            "the PF has no driver bound, or its driver cannot configure SR-IOV; bind the PF to its NIC driver first",
        (SysfsWriteKind.NumVfs, Errno.ENOMEM or Errno.ENOSPC) =>
            "the PF driver could not allocate resources for the VFs (MSI-X vectors, queues or bus numbers); ask for fewer "
            + "VFs, check dmesg, and enable SR-IOV in the BIOS or boot with pci=realloc",
        (SysfsWriteKind.NumVfs, Errno.EOPNOTSUPP or Errno.ENOSYS) =>
            "the PF driver does not support changing the VF count through sysfs",
        (SysfsWriteKind.NumVfs, Errno.EPERM) =>
            "the kernel forbids it (lockdown, or the PF is in a mode that disallows VFs); check dmesg",
        (SysfsWriteKind.Bind, Errno.EBUSY) =>
            "the function is already bound to a driver (something bound it concurrently); unbind it and retry",
        (SysfsWriteKind.Bind, Errno.ENODEV) =>
            $"{driver ?? "the driver"} does not accept this function: its id is not in the driver's table and "
            + "driver_override does not name the driver, or the function vanished; re-read the function",
        (SysfsWriteKind.Bind, Errno.EINVAL) when driver == "vfio-pci" =>
            "vfio-pci refused the function, usually because it has no IOMMU group: enable the IOMMU "
            + "(intel_iommu=on or amd_iommu=on on the kernel command line) or vfio's no-IOMMU mode",
        (SysfsWriteKind.Bind, Errno.EAGAIN) => "the driver deferred its probe (a dependency is not ready); retry later",
        (SysfsWriteKind.Bind, _) => $"{driver ?? "the driver"}'s probe failed; check dmesg",
        (SysfsWriteKind.Unbind, Errno.ENODEV) =>
            "the function is not bound to that driver any more (changed concurrently); re-read its driver",
        (SysfsWriteKind.DriversProbe, Errno.ENODEV) => "the function vanished; re-read the host",
        (SysfsWriteKind.DriverOverride, Errno.EINVAL) => "the driver name is not acceptable (too long)",
        (SysfsWriteKind.DriverOverride, Errno.ENOENT) => "this kernel has no driver_override for the function",
        (_, Errno.ENOENT) => "the attribute is missing; the function or driver vanished",
        (_, Errno.EACCES or Errno.EPERM or Errno.EROFS) =>
            "no permission to write sysfs; run as root with /sys mounted read-write (privileged pod)",
        (_, Errno.ETIMEDOUT or Errno.EAGAIN or Errno.EIO) => "the device did not complete the request; check dmesg and retry",
        _ => "check dmesg",
    };
}
