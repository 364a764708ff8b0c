using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Sriov.ConfigDaemon.HostAccess;
using Sriov.ConfigDaemon.Planning;
using Sriov.ConfigDaemon.Records;
using Sriov.Host.Locks;
using Sriov.Host.Netlink;
using Sriov.Host.Ownership;
using Sriov.Host.Sysfs;

namespace Sriov.ConfigDaemon.Apply;

/// <summary>
/// Runs a plan's steps in order through <c>Sriov.Host</c>, following the VF ownership protocol (docs/vf-lifecycle.md):
/// the plan's own marker steps fence the PF; every step that touches a VF holds that VF's lock; a step that removes or
/// rebinds VFs re-reads their allocation records under the locks and stops if one names a live pod. Each step reads the
/// current state first and writes nothing when it already holds, so running a plan twice, or again after a kill at any
/// point, converges without extra writes. The first failing step stops the run with an <see cref="ApplyException"/>
/// naming it; the marker of a PF left half-done stays until a later run completes it.
/// </summary>
internal sealed class PlanExecutor
{
    private readonly NodeHost _host;
    private readonly ILogger _logger;
    private readonly PciControl _pci;
    private readonly PciDiscovery _discovery;
    private readonly TimeSpan _lockTimeout;

    public PlanExecutor(NodeHost host, ILogger logger, PciControlTimeouts? timeouts = null, TimeSpan? lockTimeout = null)
    {
        _host = host;
        _logger = logger;
        _pci = new PciControl(host.Root, host.Time, host.Writer, timeouts);
        _discovery = new PciDiscovery(host.Root);
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>Runs every step; returns how many changed something. The plan must have no problems.</summary>
    public async Task<int> ExecuteAsync(NodePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.HasProblems)
        {
            throw new InvalidOperationException("a plan with problems cannot be applied: " + plan.ProblemText);
        }

        var changed = 0;
        var total = plan.Actions.Count;
        for (var i = 0; i < total; i++)
        {
            var action = plan.Actions[i];
            bool wrote;
            try
            {
                action = Resolved(action);
                wrote = await RunAsync(action, cancellationToken);
            }
            catch (Exception e) when (e is SysfsRequestException or SysfsWriteException or SysfsTimeoutException or NetlinkException
                or VfLockTimeoutException or VfConflictException or IOException or UnauthorizedAccessException)
            {
                ApplyLog.StepFailed(_logger, i + 1, total, action.Describe(), e.Message);
                throw new ApplyException(i + 1, total, action, e);
            }

            if (wrote)
            {
                changed++;
                ApplyLog.StepChanged(_logger, i + 1, total, action.Describe());
            }
            else
            {
                ApplyLog.StepUnchanged(_logger, i + 1, total, action.Describe());
            }
        }

        ApplyLog.Applied(_logger, total, changed);
        return changed;
    }

    private async Task<bool> RunAsync(PlanAction a, CancellationToken ct)
    {
        var root = _host.Root;
        switch (a.Kind)
        {
            case ActionKind.MarkReconfiguring:
                ReconfiguringMarker.Set(root, a.Pf, "sriov-network-config-daemon is changing this PF's VFs", _host.Time.GetUtcNow());
                return true;
            case ActionKind.ClearMarker:
                var marked = ReconfiguringMarker.IsSet(root, a.Pf);
                ReconfiguringMarker.Clear(root, a.Pf);
                return marked;
            case ActionKind.SaveRecord:
                PfRecordStore.Write(_host.StateDir, a.Record ?? throw new InvalidOperationException("saveRecord without a record"));
                return true;
            case ActionKind.DeleteRecord:
                var existed = File.Exists(PfRecordStore.PathFor(_host.StateDir, a.Pf));
                PfRecordStore.Delete(_host.StateDir, a.Pf);
                return existed;
            case ActionKind.SetPfMtu:
                return SetMtu(PfNetdev(a), a.ToNumber);
            case ActionKind.SetPfUp:
                return SetUp(PfNetdev(a));
            case ActionKind.SetNumVfs:
                return await SetNumVfsAsync(a, ct);
            default:
                return await RunVfStepAsync(a, ct);
        }
    }

    private async Task<bool> SetNumVfsAsync(PlanAction a, CancellationToken ct)
    {
        var pf = Sriov.Host.Sysfs.PciAddress.Parse(a.Pf);
        var current = _discovery.Discover(pf) ?? throw new SysfsRequestException($"PF {a.Pf} is no longer on this host");
        var locks = new List<VfLock>();
        try
        {
            // The VFs about to disappear: wait for any CNI ADD/DEL in flight on them, then make sure none is allocated.
            foreach (var slot in current.Vfs)
            {
                locks.Add(VfLock.Acquire(_host.Root, slot.Address.ToString(), _lockTimeout, ct));
                EnsureFree(slot.Address.ToString(), a);
            }

            return await _pci.SetNumVfsAsync(pf, a.ToNumber, ct);
        }
        finally
        {
            foreach (var l in locks)
            {
                l.Dispose();
            }
        }
    }

    private async Task<bool> RunVfStepAsync(PlanAction a, CancellationToken ct)
    {
        var vf = ResolveVf(a);
        using var vfLock = VfLock.Acquire(_host.Root, vf.Address.ToString(), _lockTimeout, ct);
        switch (a.Kind)
        {
            case ActionKind.BindDriver:
                EnsureFree(vf.Address.ToString(), a);
                return await _pci.BindDriverAsync(vf.Address, a.To!, ct);
            case ActionKind.BindDefaultDriver:
                EnsureFree(vf.Address.ToString(), a);
                return await _pci.BindDefaultDriverAsync(vf.Address, ct);
            case ActionKind.ClearDriverOverride:
                return await _pci.ClearDriverOverrideAsync(vf.Address, ct);
            case ActionKind.SetVfGuid:
                EnsureFree(vf.Address.ToString(), a);
                return await SetGuidAsync(a, vf, ct);
            case ActionKind.SetVfAdminMac:
                return await PinAdminMacAsync(a, vf, ct);
            case ActionKind.SetVfMtu:
                var netdev = await _pci.WaitForNetdevAsync(vf.Address, ct);
                return SetMtu(Netdev(vf.Address, netdev), a.ToNumber);
            default:
                throw new InvalidOperationException($"unknown step {a.Kind}");
        }
    }

    /// <summary>Sets a random node and port GUID (when the PF reports none) and re-probes the VF so its driver takes them.</summary>
    private async Task<bool> SetGuidAsync(PlanAction a, PciFunction vf, CancellationToken ct)
    {
        var pfName = PfNetdev(a).Name;
        var index = vf.VfIndex!.Value;
        if (_host.Vfs.GetVf(pfName, index).NodeGuid is { } current and not 0)
        {
            return false;
        }

        var guid = RandomGuid();
        _host.Vfs.SetNodeGuid(pfName, index, guid);
        _host.Vfs.SetPortGuid(pfName, index, guid);
        if (vf.Driver is { } driver && !PciControl.UserspaceDrivers.Contains(driver))
        {
            await _pci.UnbindAsync(vf.Address, ct);
        }

        await _pci.BindDefaultDriverAsync(vf.Address, ct);
        return true;
    }

    private async Task<bool> PinAdminMacAsync(PlanAction a, PciFunction vf, CancellationToken ct)
    {
        if (vf.Driver is null || PciControl.UserspaceDrivers.Contains(vf.Driver))
        {
            return false; // no netdev whose MAC could be pinned (unbound, or already handed to user space)
        }

        var pfName = PfNetdev(a).Name;
        var index = vf.VfIndex!.Value;
        var name = await _pci.WaitForNetdevAsync(vf.Address, ct);
        var netdev = Netdev(vf.Address, name);
        if (!MacAddress.TryParse(netdev.Mac, out var mac) || !mac.IsValidUnicast || netdev.LinkType is not (null or LinkType.Ether))
        {
            ApplyLog.AdminMacSkipped(_logger, vf.Address.ToString(), a.Pf, $"its interface {name} has no unicast Ethernet MAC");
            return false;
        }

        MacAddress admin;
        try
        {
            admin = _host.Vfs.GetVf(pfName, index).Mac;
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENODEV or Errno.EINVAL or Errno.EOPNOTSUPP)
        {
            // rtnl_fill_vf: a PF driver without ndo_get_vf_config reports no VFs, and cannot take an admin MAC either.
            ApplyLog.AdminMacSkipped(_logger, vf.Address.ToString(), a.Pf, "its PF reports no VF attributes over netlink");
            return false;
        }

        if (!admin.IsZero)
        {
            return false;
        }

        _host.Vfs.SetMac(pfName, index, mac);
        return true;
    }

    private bool SetMtu(NetdevInfo netdev, int mtu)
    {
        if (netdev.Mtu == mtu)
        {
            return false;
        }

        _host.Links.SetMtu(netdev.Name, mtu);
        return true;
    }

    private bool SetUp(NetdevInfo netdev)
    {
        if (netdev.ReadAdminUp() == true)
        {
            return false;
        }

        _host.Links.SetUp(netdev.Name);
        return true;
    }

    private void EnsureFree(string vf, PlanAction a)
    {
        if (AllocationRecords.Read(_host.Root, vf) is { } record && AllocationRecords.IsLive(record))
        {
            throw new VfConflictException(
                $"VF {vf} of PF {a.Pf} was allocated to {record.Owner} after the plan was made; drain the node (or delete that pod) first");
        }
    }

    /// <summary>A VF step of a VF created by an earlier step gets the VF's address, for its log lines and errors.</summary>
    private PlanAction Resolved(PlanAction a) =>
        a.Vf is not null && a.VfAddress is null ? a with { VfAddress = ResolveVf(a).Address.ToString() } : a;

    private PciFunction ResolveVf(PlanAction a)
    {
        var pf = _discovery.Discover(Sriov.Host.Sysfs.PciAddress.Parse(a.Pf))
            ?? throw new SysfsRequestException($"PF {a.Pf} is no longer on this host");
        var slot = pf.Vfs.FirstOrDefault(s => s.Index == a.Vf);
        if (slot == default)
        {
            throw new SysfsRequestException($"PF {a.Pf} has no VF #{a.Vf} (it has {pf.Vfs.Count}); the VF count changed under the daemon, it retries");
        }

        return _discovery.Discover(slot.Address) ?? throw new SysfsRequestException($"VF {slot.Address} of PF {a.Pf} vanished");
    }

    private NetdevInfo PfNetdev(PlanAction a)
    {
        var pf = _discovery.Discover(Sriov.Host.Sysfs.PciAddress.Parse(a.Pf))
            ?? throw new SysfsRequestException($"PF {a.Pf} is no longer on this host");
        return pf.Netdevs.Count > 0
            ? pf.Netdevs[0]
            : throw new SysfsRequestException($"PF {a.Pf} has no network interface (driver {pf.Driver ?? "none"}); bind it to its NIC driver");
    }

    private NetdevInfo Netdev(Sriov.Host.Sysfs.PciAddress address, string name) =>
        _discovery.Discover(address)?.Netdevs.FirstOrDefault(n => n.Name == name)
        ?? throw new SysfsRequestException($"{address}: interface {name} vanished");

    // A random unicast, locally administered EUI-64 (what upstream does when no GUID pool is configured).
    private static ulong RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0xfc) | 0x02);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }
}
