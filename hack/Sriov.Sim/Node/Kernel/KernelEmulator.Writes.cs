using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.Sim.Node.Kernel;

/// <summary>
/// The emulator's reactions to client writes, checked in the kernel's order (drivers/pci/iov.c sriov_numvfs_store,
/// drivers/base/bus.c bind_store/unbind_store/drivers_probe_store, drivers/base/driver.c driver_set_override).
/// </summary>
internal sealed partial class KernelEmulator
{
    private void OnNumVfs(SimFunction pf, string written)
    {
        var attribute = DeviceAttribute(pf, "sriov_numvfs");
        var current = pf.NumVfs;
        var total = pf.Port!.TotalVfs;
        var errno = KernelParse.ParseU16(written, out var n);
        var (reject, reason) = errno == Errno.ERANGE ? (errno, $"'{KernelParse.Shown(written)}' does not fit in 16 bits (kstrtou16)")
            : errno != 0 ? (errno, "not a VF count (kstrtou16)")
            : n > total ? (Errno.ERANGE, $"{n} is more than sriov_totalvfs ({total})")
            : n == current ? (0, "")
            : pf.Driver is null ? (Errno.ENOENT, "the PF has no driver")
            : n != 0 && current != 0 ? (Errno.EBUSY, $"{current} VFs exist; the kernel only changes the count from 0")
            : (0, "");
        if (reject != 0)
        {
            Reject(attribute, written, reject, reason);
            SelfWrite(pf, "sriov_numvfs", KernelParse.Number(current));
            return;
        }

        if (n == current)
        {
            return;
        }

        // Show the kernel's form of the value ("2", not "0x2") now, while the client is still waiting for the VFs: once
        // they are visible it may write the file again, and a late write of ours would overwrite its value.
        SelfWrite(pf, "sriov_numvfs", KernelParse.Number(n));
        if (n == 0)
        {
            DisableVfs(pf);
        }
        else
        {
            EnableVfs(pf, n, immediate: false);
        }

        NumVfsChanged?.Invoke(pf.Address, n);
    }

    private void OnDriverOverride(SimFunction f, string written)
    {
        var errno = KernelParse.ParseDriverOverride(written, out var driver);
        if (errno != 0)
        {
            Reject(DeviceAttribute(f, "driver_override"), written, errno, "longer than a page");
        }
        else
        {
            f.DriverOverride = driver;
        }

        SelfWrite(f, "driver_override", f.DriverOverride ?? "(null)");
    }

    private void OnBind(string driver, string written)
    {
        var attribute = $"sys/bus/pci/drivers/{driver}/bind";
        if (KernelParse.ParseDeviceName(written) is not { } address || !_functions.TryGetValue(address, out var f))
        {
            Reject(attribute, written, Errno.ENODEV, "no such device");
            return;
        }

        if (!Matches(f, driver))
        {
            Reject(attribute, written, Errno.ENODEV,
                $"{driver} does not match {f.Vendor}:{f.Device} and driver_override is {f.DriverOverride ?? "(null)"}");
            return;
        }

        if (f.Driver is { } bound)
        {
            Reject(attribute, written, Errno.EBUSY, $"already bound to {bound}");
            return;
        }

        if (ProbeFailure(f, driver) is { } failure)
        {
            Reject(attribute, written, Errno.EINVAL, failure);
            return;
        }

        Bind(f, driver);
    }

    private void OnUnbind(string driver, string written)
    {
        var attribute = $"sys/bus/pci/drivers/{driver}/unbind";
        if (KernelParse.ParseDeviceName(written) is not { } address || !_functions.TryGetValue(address, out var f))
        {
            Reject(attribute, written, Errno.ENODEV, "no such device");
            return;
        }

        if (f.Driver != driver)
        {
            Reject(attribute, written, Errno.ENODEV, $"not bound to {driver} (bound to {f.Driver ?? "nothing"})");
            return;
        }

        UnbindCore(f);
    }

    private void OnDriversProbe(string written)
    {
        if (KernelParse.ParseDeviceName(written) is not { } address || !_functions.TryGetValue(address, out var f))
        {
            Reject("sys/bus/pci/drivers_probe", written, Errno.ENODEV, "no such device");
            return;
        }

        if (f.Driver is not null)
        {
            return;
        }

        // __device_attach: the override alone decides when set (an unknown name leaves the device unbound, no error);
        // otherwise the first loaded driver whose id table matches.
        var candidate = f.DriverOverride ?? f.NativeDriver;
        if (candidate is null || !_loadedDrivers.Contains(candidate))
        {
            return;
        }

        if (ProbeFailure(f, candidate) is { } failure)
        {
            // The write succeeds and the device stays unbound; the kernel only logs "probe ... failed with error -22".
            Reject("sys/bus/pci/drivers_probe", written, null, failure);
            return;
        }

        Bind(f, candidate);
    }

    private void Bind(SimFunction f, string driver)
    {
        var netdevs = new List<SimFunction>();
        BindCore(f, driver, netdevs);
        RegisterNetdevsLater(netdevs, immediate: false);
    }

    /// <summary><c>pci_bus_match</c>: with an override only that driver matches; otherwise the driver's id table (the function's native driver).</summary>
    private bool Matches(SimFunction f, string driver) =>
        _loadedDrivers.Contains(driver) && (f.DriverOverride is { } o ? o == driver : driver == f.NativeDriver);

    /// <summary>Why the driver's probe fails for this function, or null.</summary>
    private string? ProbeFailure(SimFunction f, string driver) =>
        driver == "vfio-pci" && f.IommuGroup is null && Iommu != Description.IommuMode.NoIommu
            ? $"vfio-pci probe of {f.Address} failed with error -22: no IOMMU group (IOMMU off)"
            : null;

    private static string DeviceAttribute(SimFunction f, string name) => $"sys/bus/pci/devices/{f.Address}/{name}";
}
