using System.Globalization;
using Sriov.Host.Netlink;

namespace Sriov.Host.Sysfs;

/// <summary>
/// Changes SR-IOV state through sysfs: the VF count of a PF and the driver of a function. Each operation reads the
/// current state first and writes nothing when it already holds (so re-applying is free), writes through the
/// <see cref="ISysfsWriter"/> seam, waits with the bounds of <see cref="PciControlTimeouts"/> until the result is visible,
/// and on failure puts back what it changed before throwing. Errors: <see cref="SysfsRequestException"/> (refused before
/// writing), <see cref="SysfsWriteException"/> (the kernel returned an errno), <see cref="SysfsTimeoutException"/>
/// (the result did not appear). Callers serialise operations on one function (the VF lock of ARCHITECTURE.md).
/// </summary>
public sealed class PciControl
{
    /// <summary>Drivers that hand the function to user space; "bind the default driver" moves a function off them.</summary>
    public static readonly IReadOnlySet<string> UserspaceDrivers =
        new HashSet<string>(StringComparer.Ordinal) { "vfio-pci", "uio_pci_generic", "igb_uio", "pci-stub" };

    private readonly HostRoot _root;
    private readonly TimeProvider _time;
    private readonly ISysfsWriter _writer;
    private readonly PciControlTimeouts _timeouts;
    private readonly PciDiscovery _discovery;
    private readonly string _devices;

    public PciControl(HostRoot root, TimeProvider time, ISysfsWriter? writer = null, PciControlTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(time);
        _root = root;
        _time = time;
        _writer = writer ?? KernelSysfsWriter.Instance;
        _timeouts = timeouts ?? PciControlTimeouts.Default;
        _discovery = new PciDiscovery(root);
        _devices = root.Resolve("sys/bus/pci/devices");
    }

    /// <summary>
    /// Makes <paramref name="pf"/> have exactly <paramref name="count"/> VFs: nothing is written when it already has;
    /// otherwise 0 first (the kernel refuses to change a non-zero count with EBUSY), then the count, then waits until
    /// every VF has its <c>virtfnN</c> and <c>physfn</c> links. If writing the count fails after the old VFs were
    /// removed, the old count is written back. Returns whether anything was written.
    /// </summary>
    public async Task<bool> SetNumVfsAsync(PciAddress pf, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var f = Require(pf);
        if (!f.IsPhysicalFunction)
        {
            throw new SysfsRequestException($"{Describe(f)} is not SR-IOV capable (it has no sriov_totalvfs); choose a PF");
        }

        if (f.TotalVfs is not { } total || f.NumVfs is not { } current)
        {
            throw new SysfsRequestException(
                $"{Describe(f)}: cannot read sriov_totalvfs/sriov_numvfs ({string.Join("; ", f.Problems)}); fix the host, then retry");
        }

        if (count > total)
        {
            throw new SysfsRequestException(
                $"{Describe(f)}: cannot create {count} VFs, sriov_totalvfs is {total}; ask for at most {total}");
        }

        if (current == count)
        {
            await WaitForVfsAsync(f, count, cancellationToken);
            return false;
        }

        if (f.Driver is null)
        {
            throw new SysfsRequestException(
                $"{Describe(f)} has no driver bound, and the kernel creates VFs only through the PF's driver; bind the PF to its NIC driver first");
        }

        if (current != 0)
        {
            await WriteNumVfsAsync(f, 0, cancellationToken);
            await WaitForVfsAsync(f, 0, cancellationToken);
        }

        if (count == 0)
        {
            return true;
        }

        try
        {
            await WriteNumVfsAsync(f, count, cancellationToken);
        }
        catch (SysfsWriteException e) when (current != 0)
        {
            throw new SysfsWriteException(e.Message + await RestoreNumVfsAsync(f, current, cancellationToken), e.Path, e.Content, e.Errno);
        }

        await WaitForVfsAsync(f, count, cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="count"/> to the PF's <c>sriov_numvfs</c> as it is: none of <see cref="SetNumVfsAsync"/>'s
    /// checks (total, driver, 0 first), no wait for the VFs, no rollback. It exists so the kernel's own refusals
    /// (ERANGE over the total, EBUSY while VFs exist, ENOENT without a driver) can be probed through the same write and
    /// the same <see cref="SysfsWriteException"/> message an agent gets when its checks were overtaken by the host (the
    /// scenario runner's <c>numvfs-raw</c>); agents call <see cref="SetNumVfsAsync"/>.
    /// </summary>
    public Task WriteNumVfsUncheckedAsync(PciAddress pf, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return WriteNumVfsAsync(Require(pf), count, cancellationToken);
    }

    /// <summary>
    /// Binds <paramref name="address"/> to <paramref name="driver"/>: unbinds it from its current driver, writes the
    /// driver's name to <c>driver_override</c> (so the driver accepts ids outside its table), writes the address to
    /// <c>bus/pci/drivers/&lt;driver&gt;/bind</c>, waits for the <c>driver</c> link, then restores the previous override.
    /// On failure it rebinds the previous driver. Returns false when the function was already on that driver.
    /// </summary>
    public async Task<bool> BindDriverAsync(PciAddress address, string driver, CancellationToken cancellationToken = default)
    {
        ValidateDriverName(driver);
        var f = Require(address);
        if (f.Driver == driver)
        {
            return false;
        }

        if (!_discovery.IsDriverLoaded(driver))
        {
            throw new SysfsRequestException(
                $"{Describe(f)}: driver {driver} is not loaded (no {DriverDir(driver)}); load it with 'modprobe {driver}'");
        }

        if (driver == "vfio-pci" && f.IommuGroup is null && !_discovery.IsNoIommuModeEnabled())
        {
            throw new SysfsRequestException(
                $"{Describe(f)}: driver vfio-pci needs an iommu_group and the function has none; enable the IOMMU "
                + "(intel_iommu=on or amd_iommu=on) or vfio's no-IOMMU mode (enable_unsafe_noiommu_mode)");
        }

        var hasOverride = File.Exists(Attr(address, "driver_override"));
        if (f.Driver is { } previous)
        {
            await UnbindCoreAsync(f, previous, cancellationToken);
        }

        try
        {
            if (hasOverride)
            {
                await WriteAsync(f, Attr(address, "driver_override"), driver, SysfsWriteKind.DriverOverride, _timeouts.Bind, cancellationToken);
            }

            await WriteAsync(f, Path.Join(DriverDir(driver), "bind"), address.ToString(), SysfsWriteKind.Bind, _timeouts.Bind, cancellationToken, driver);
            await SysfsWait.UntilAsync(
                _time,
                _timeouts.Bind,
                () => DriverOf(address) == driver,
                () => $"{Describe(f)}: bound to {driver} but its driver link did not point to {driver} within {Seconds(_timeouts.Bind)}; check dmesg",
                cancellationToken);
        }
        catch (Exception e) when (e is SysfsWriteException or SysfsTimeoutException)
        {
            var note = await RollbackBindAsync(f, hasOverride, cancellationToken);
            throw e is SysfsWriteException w
                ? new SysfsWriteException(w.Message + note, w.Path, w.Content, w.Errno)
                : new SysfsTimeoutException(e.Message + note);
        }

        if (hasOverride)
        {
            await WriteOverrideAsync(f, f.DriverOverride, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Puts <paramref name="address"/> back on the driver the kernel chooses for it: clears <c>driver_override</c>, and if
    /// the function is unbound or on a user-space driver (<see cref="UserspaceDrivers"/>), unbinds it and writes its
    /// address to <c>bus/pci/drivers_probe</c>, then waits for a driver to claim it. Returns whether anything was written.
    /// </summary>
    public async Task<bool> BindDefaultDriverAsync(PciAddress address, CancellationToken cancellationToken = default)
    {
        var f = Require(address);
        var changed = false;
        if (f.DriverOverride is not null)
        {
            await WriteOverrideAsync(f, null, cancellationToken);
            changed = true;
        }

        if (f.Driver is { } current && !UserspaceDrivers.Contains(current))
        {
            return changed;
        }

        if (f.Driver is { } userspace)
        {
            await UnbindCoreAsync(f, userspace, cancellationToken);
        }

        await WriteAsync(f, _root.Resolve("sys/bus/pci/drivers_probe"), address.ToString(), SysfsWriteKind.DriversProbe, _timeouts.Bind, cancellationToken);
        await SysfsWait.UntilAsync(
            _time,
            _timeouts.Bind,
            () => DriverOf(address) is not null,
            () => $"{Describe(f)}: no driver claimed it within {Seconds(_timeouts.Bind)} after drivers_probe; load the kernel driver for {f.VendorId}:{f.DeviceId}",
            cancellationToken);
        return true;
    }

    /// <summary>
    /// Clears <paramref name="address"/>'s <c>driver_override</c> without touching its binding (e.g. one left behind by a
    /// bind that was interrupted before it restored the override). Returns false when none was set.
    /// </summary>
    public async Task<bool> ClearDriverOverrideAsync(PciAddress address, CancellationToken cancellationToken = default)
    {
        var f = Require(address);
        if (f.DriverOverride is null)
        {
            return false;
        }

        await WriteOverrideAsync(f, null, cancellationToken);
        return true;
    }

    /// <summary>Unbinds <paramref name="address"/> from its driver and waits until the <c>driver</c> link is gone. Returns false when it had none.</summary>
    public async Task<bool> UnbindAsync(PciAddress address, CancellationToken cancellationToken = default)
    {
        var f = Require(address);
        if (f.Driver is not { } driver)
        {
            return false;
        }

        await UnbindCoreAsync(f, driver, cancellationToken);
        return true;
    }

    /// <summary>
    /// Waits until <paramref name="address"/> (bound to a netdev driver) has an interface under <c>net/</c> and returns
    /// its name. VF drivers such as iavf register the netdev asynchronously after the bind returns.
    /// </summary>
    public async Task<string> WaitForNetdevAsync(PciAddress address, CancellationToken cancellationToken = default)
    {
        var f = Require(address);
        if (f.Driver is null || UserspaceDrivers.Contains(f.Driver))
        {
            throw new SysfsRequestException(
                $"{Describe(f)} is {(f.Driver is null ? "not bound to a driver" : $"bound to {f.Driver}")}, so it has no network interface; bind it to its kernel network driver first");
        }

        string? name = null;
        await SysfsWait.UntilAsync(
            _time,
            _timeouts.Netdev,
            () => (name = FirstNetdev(address)) is not null,
            () => $"{Describe(f)} (driver {f.Driver}): no interface appeared under net/ within {Seconds(_timeouts.Netdev)}; check that the driver probed it (dmesg)",
            cancellationToken);
        return name!;
    }

    private async Task UnbindCoreAsync(PciFunction f, string driver, CancellationToken ct)
    {
        await WriteAsync(f, Path.Join(DriverDir(driver), "unbind"), f.Address.ToString(), SysfsWriteKind.Unbind, _timeouts.Bind, ct, driver);
        await SysfsWait.UntilAsync(
            _time,
            _timeouts.Bind,
            () => DriverOf(f.Address) is null,
            () => $"{Describe(f)}: unbound from {driver} but its driver link is still there after {Seconds(_timeouts.Bind)}; check dmesg",
            ct);
    }

    private async Task<string> RollbackBindAsync(PciFunction f, bool hasOverride, CancellationToken ct)
    {
        try
        {
            if (hasOverride)
            {
                await WriteOverrideAsync(f, f.DriverOverride, ct);
            }

            if (f.Driver is { } previous && DriverOf(f.Address) is null)
            {
                await WriteAsync(f, Path.Join(DriverDir(previous), "bind"), f.Address.ToString(), SysfsWriteKind.Bind, _timeouts.Bind, ct, previous);
                await SysfsWait.UntilAsync(_time, _timeouts.Bind, () => DriverOf(f.Address) == previous, () => $"driver link to {previous}", ct);
                return $"; rolled back: the function is on {previous} again";
            }

            return hasOverride ? "; rolled back: driver_override restored" : "";
        }
        catch (Exception e) when (e is SysfsWriteException or SysfsTimeoutException)
        {
            return $"; rolling back to {f.Driver ?? "no driver"} also failed ({e.Message}): the function is now on {DriverOf(f.Address) ?? "no driver"}";
        }
    }

    private async Task<string> RestoreNumVfsAsync(PciFunction f, int previous, CancellationToken ct)
    {
        try
        {
            await WriteNumVfsAsync(f, previous, ct);
            await WaitForVfsAsync(f, previous, ct);
            return $"; rolled back: the PF has its previous {previous} VFs again";
        }
        catch (Exception e) when (e is SysfsWriteException or SysfsTimeoutException)
        {
            return $"; restoring the previous {previous} VFs also failed ({e.Message}): the PF now has 0 VFs";
        }
    }

    private Task WriteNumVfsAsync(PciFunction f, int count, CancellationToken ct) =>
        WriteAsync(f, Attr(f.Address, "sriov_numvfs"), count.ToString(CultureInfo.InvariantCulture), SysfsWriteKind.NumVfs, _timeouts.NumVfsWrite, ct, totalVfs: f.TotalVfs);

    // Writing "\n" clears driver_override (drivers/base/driver.c driver_set_override: a lone newline means "unset").
    private Task WriteOverrideAsync(PciFunction f, string? value, CancellationToken ct) =>
        WriteAsync(f, Attr(f.Address, "driver_override"), value ?? "\n", SysfsWriteKind.DriverOverride, _timeouts.Bind, ct);

    /// <summary>
    /// One write through the seam, bounded: a driver can sit in its sysfs store callback for a long time (mlx5
    /// firmware commands), and that thread cannot be interrupted, so the caller stops waiting after the bound.
    /// </summary>
    private async Task WriteAsync(
        PciFunction f, string path, string content, SysfsWriteKind kind, TimeSpan bound, CancellationToken ct, string? driver = null, int? totalVfs = null)
    {
        var write = Task.Run(() => _writer.Write(path, content), CancellationToken.None);
        int errno;
        try
        {
            errno = await write.WaitAsync(bound, _time, ct);
        }
        catch (TimeoutException)
        {
            throw new SysfsTimeoutException(
                $"{Describe(f)}: writing '{content.TrimEnd('\n')}' to {Relative(f, path)} did not return within {Seconds(bound)}; "
                + "the driver is stuck in the write (check dmesg); it may still complete later");
        }

        if (errno != 0)
        {
            var shown = content.TrimEnd('\n');
            throw new SysfsWriteException(
                $"{Describe(f)}: writing '{shown}' to {Relative(f, path)} failed with {Errno.Describe(errno)}: "
                + WriteErrorAdvice.For(kind, errno, driver, totalVfs),
                path,
                shown,
                errno);
        }
    }

    private async Task WaitForVfsAsync(PciFunction pf, int count, CancellationToken ct)
    {
        var missing = "";
        await SysfsWait.UntilAsync(
            _time,
            _timeouts.VfsAppear,
            () => VfsVisible(pf.Address, count, out missing),
            () => count == 0
                ? $"{Describe(pf)}: wrote 0 to sriov_numvfs but VFs are still present after {Seconds(_timeouts.VfsAppear)} ({missing}); check dmesg"
                : $"{Describe(pf)}: wrote {count} to sriov_numvfs but not all VFs appeared within {Seconds(_timeouts.VfsAppear)} ({missing}); check dmesg",
            ct);
    }

    /// <summary>True when <c>sriov_numvfs</c> reads <paramref name="count"/> and virtfn0..count-1 exist, each with a <c>physfn</c> link, and no more.</summary>
    private bool VfsVisible(PciAddress pf, int count, out string missing)
    {
        if (SysfsIo.TryReadText(Attr(pf, "sriov_numvfs"), out var text) != 0 || !SysfsParse.TryParseInt(text, out var n) || n != count)
        {
            missing = $"sriov_numvfs reads '{text}'";
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var link = "virtfn" + i.ToString(CultureInfo.InvariantCulture);
            if (SysfsIo.TryReadLinkName(Attr(pf, link), out var vf) != 0)
            {
                missing = $"{link} is missing";
                return false;
            }

            if (SysfsIo.TryReadLink(Path.Join(_devices, vf, "physfn"), out _) != 0)
            {
                missing = $"VF {vf} has no physfn link";
                return false;
            }
        }

        var extra = "virtfn" + count.ToString(CultureInfo.InvariantCulture);
        if (SysfsIo.TryReadLink(Attr(pf, extra), out _) == 0)
        {
            missing = $"{extra} is still present";
            return false;
        }

        missing = "";
        return true;
    }

    private PciFunction Require(PciAddress address) =>
        _discovery.Discover(address)
        ?? throw new SysfsRequestException($"PCI function {address} is not on this host (no {Path.Join(_devices, address.ToString())}); check the address");

    private string? DriverOf(PciAddress address) =>
        SysfsIo.TryReadLinkName(Attr(address, "driver"), out var name) == 0 ? name : null;

    private string? FirstNetdev(PciAddress address) =>
        SysfsIo.TryListNames(Attr(address, "net"), out var names) == 0 && names!.Count > 0 ? names[0] : null;

    private string DriverDir(string driver) => _root.Resolve("sys/bus/pci/drivers/" + driver);

    private string Attr(PciAddress address, string name) => Path.Join(_devices, address.ToString(), name);

    private static string Relative(PciFunction f, string path) =>
        path.StartsWith(f.SysPath + "/", StringComparison.Ordinal) ? path[(f.SysPath.Length + 1)..] : path;

    private static string Describe(PciFunction f)
    {
        var role = f.IsVirtualFunction ? $"VF {f.Address}" + (f.VfIndex is { } i ? $" (#{i} of PF {f.PhysFn})" : "")
            : f.IsPhysicalFunction ? $"PF {f.Address}" : $"PCI function {f.Address}";
        return f.Netdevs.Count > 0 ? $"{role} [{f.Netdevs[0].Name}]" : role;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static void ValidateDriverName(string driver)
    {
        ArgumentException.ThrowIfNullOrEmpty(driver);
        if (driver.Length > 64 || driver.AsSpan().IndexOfAny("/ \t\n\0") >= 0)
        {
            throw new ArgumentException($"'{driver}' is not a driver name", nameof(driver));
        }
    }
}
