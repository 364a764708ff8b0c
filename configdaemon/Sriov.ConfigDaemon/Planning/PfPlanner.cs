using System.Globalization;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Records;
using Sriov.Host.Netlink;
using Sriov.Host.Sysfs;

namespace Sriov.ConfigDaemon.Planning;

/// <summary>
/// The steps for one PF of the spec (operator.md §4.4, in our order): raise the PF MTU, set the VF count, then per VF in
/// a group's range its driver, GUID, admin MAC and MTU, then PF up and the record. VFs outside every group's range and
/// VFs allocated to a live pod are left alone. Pure.
/// </summary>
internal sealed class PfPlanner
{
    private readonly InterfaceSpec _spec;
    private readonly HostPf _pf;
    private readonly HostSnapshot _host;
    private readonly List<PlanProblem> _problems;
    private readonly List<PlanAction> _actions = [];
    private readonly bool _marked;

    private PfPlanner(InterfaceSpec spec, HostPf pf, HostSnapshot host, List<PlanProblem> problems)
    {
        _spec = spec;
        _pf = pf;
        _host = host;
        _problems = problems;
        _marked = host.MarkedPfs.Contains(pf.PciAddress);
    }

    /// <summary>The PF's steps, marker included; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<PlanAction> Plan(InterfaceSpec spec, HostPf pf, HostSnapshot host, List<PlanProblem> problems) =>
        new PfPlanner(spec, pf, host, problems).Run();

    private bool ExternallyManaged => _spec.ExternallyManaged == true;

    private int Wanted => _spec.NumVfs ?? 0;

    private bool IsInfiniband =>
        _pf.LinkType == "IB" || string.Equals(_spec.LinkType, "IB", StringComparison.OrdinalIgnoreCase);

    private IReadOnlyList<PlanAction> Run()
    {
        var before = _problems.Count;
        CheckRefusals();
        var groups = ParseGroups();
        if (_problems.Count > before)
        {
            return [];
        }

        var countChanges = !ExternallyManaged && _pf.NumVfs != Wanted;
        int? originalMtu = null;
        if (!ExternallyManaged && _spec.Mtu is { } mtu && _pf.Mtu is { } current && mtu > current)
        {
            originalMtu = current;
            Add(ActionKind.SetPfMtu, from: Text(current), to: Text(mtu), disruptive: _pf.NumVfs > 0);
        }

        if (countChanges)
        {
            foreach (var vf in _pf.Vfs.Where(v => v.AllocatedTo is not null))
            {
                Conflict(vf, $"changing the VF count from {_pf.NumVfs} to {Wanted} removes it");
            }

            Add(ActionKind.SetNumVfs, from: Text(_pf.NumVfs), to: Text(Wanted), disruptive: _pf.NumVfs > 0);
        }

        for (var i = 0; i < Wanted; i++)
        {
            if (groups.FirstOrDefault(g => g.Contains(i)) is { } group)
            {
                var vf = countChanges ? null : _pf.Vfs.FirstOrDefault(v => v.Index == i);
                PlanVf(i, vf, group);
            }
        }

        if (_pf.AdminUp == false)
        {
            Add(ActionKind.SetPfUp);
        }

        PlanRecord(originalMtu);
        return WithMarker(_actions, _pf, _marked);
    }

    /// <summary>Wraps a PF's steps in its reconfiguring marker when any of them changes VFs or drivers; clears a stale marker.</summary>
    public static IReadOnlyList<PlanAction> WithMarker(List<PlanAction> actions, HostPf pf, bool marked)
    {
        var needsMarker = actions.Any(a => a.Kind is ActionKind.SetNumVfs or ActionKind.BindDriver or ActionKind.BindDefaultDriver or ActionKind.SetVfGuid or ActionKind.ClearDriverOverride);
        if (needsMarker)
        {
            actions.Insert(0, new PlanAction { Kind = ActionKind.MarkReconfiguring, Pf = pf.PciAddress, PfName = pf.Name });
        }

        if (needsMarker || marked)
        {
            actions.Add(new PlanAction { Kind = ActionKind.ClearMarker, Pf = pf.PciAddress, PfName = pf.Name });
        }

        return actions;
    }

    private void CheckRefusals()
    {
        var label = _pf.Label;
        if (string.Equals(_spec.ESwitchMode, "switchdev", StringComparison.OrdinalIgnoreCase))
        {
            Problem($"{label}: eSwitchMode switchdev is not configured by this config daemon yet; use legacy (leave eSwitchMode unset) in the policy");
        }
        else if (_pf.Eswitch == EswitchMode.Switchdev)
        {
            Problem($"{label} is in switchdev mode and the spec wants legacy; this config daemon does not change e-switch modes yet: run 'devlink dev eswitch set pci/{_pf.PciAddress} mode legacy' with 0 VFs");
        }

        if (!string.IsNullOrEmpty(_spec.LinkType) && _pf.LinkType is { } linkType && !string.Equals(_spec.LinkType, linkType, StringComparison.OrdinalIgnoreCase))
        {
            Problem($"{label}: linkType {_spec.LinkType} asks for a firmware change (the port is {linkType}); this config daemon does not change NIC firmware: set LINK_TYPE with mstconfig and reboot, or drop linkType from the policy");
        }

        if (Wanted > _pf.TotalVfs)
        {
            var hint = _pf.Driver == "mlx5_core"
                ? $"; for mlx5 raise the firmware's NUM_OF_VFS (mstconfig -d {_pf.PciAddress} set SRIOV_EN=1 NUM_OF_VFS={Wanted}) and reboot"
                : "";
            Problem($"{label}: numVfs {Wanted} is more than sriov_totalvfs {_pf.TotalVfs}; ask for at most {_pf.TotalVfs}{hint}");
        }

        if (ExternallyManaged)
        {
            if (_pf.NumVfs < Wanted)
            {
                Problem($"{label} is externally managed and has {_pf.NumVfs} VFs, fewer than numVfs {Wanted}; create the VFs outside the operator first, or lower numVfs");
            }

            if (_spec.Mtu is { } mtu && _pf.Mtu is { } current && mtu > current)
            {
                Problem($"{label} is externally managed and its MTU is {current}, lower than mtu {mtu}; raise it outside the operator first, or lower mtu");
            }
        }
        else if (_pf.NumVfs != Wanted && _pf.Driver is null)
        {
            Problem($"{label} has no driver bound, and the kernel creates VFs only through the PF's driver; bind the PF to its NIC driver");
        }
    }

    private List<GroupTarget> ParseGroups()
    {
        var groups = new List<GroupTarget>();
        var specGroups = _spec.VfGroups ?? [];
        for (var i = 0; i < specGroups.Count; i++)
        {
            if (GroupTarget.Parse(specGroups[i], i, _pf.Label, Wanted, _problems) is not { } group)
            {
                continue;
            }

            groups.Add(group);
            if (group.Driver is { } driver)
            {
                CheckDriver(group, driver);
            }
        }

        return groups;
    }

    private void CheckDriver(GroupTarget group, string driver)
    {
        if (!_host.LoadedDrivers.Contains(driver))
        {
            Problem($"{group.Label}: deviceType {driver} asks for driver {driver}, which is not loaded on this node; load it ('modprobe {driver}', and list it in /etc/modules-load.d so it loads at boot)");
            return;
        }

        if (driver != "vfio-pci" || _host.NoIommuMode)
        {
            return;
        }

        // With the IOMMU on every function has a group (VFs get theirs when they are created), so the PF tells for VFs
        // that do not exist yet.
        var vfs = _pf.Vfs.Where(v => group.Contains(v.Index)).ToList();
        var missing = vfs.Count > 0 ? vfs.FirstOrDefault(v => v.IommuGroup is null)?.PciAddress : _pf.HasIommuGroup ? null : _pf.PciAddress;
        if (missing is not null)
        {
            Problem($"{group.Label}: driver vfio-pci needs an IOMMU group and {missing} has none (iommu_group missing); enable the IOMMU (intel_iommu=on or amd_iommu=on on the kernel command line) and reboot");
        }
    }

    private void PlanVf(int index, HostVf? vf, GroupTarget group)
    {
        if (vf?.AllocatedTo is not null)
        {
            if (NeedsRebind(vf, group))
            {
                Conflict(vf, group.IsNetdevice ? "it must go back to its kernel driver" : $"it must be rebound to {group.Driver}");
            }

            return; // a VF in a pod is the CNI's until DEL: no MAC, MTU or GUID changes either
        }

        var existed = vf is not null;
        if (group.Driver is { } driver)
        {
            if (vf is null || vf.Driver != driver)
            {
                PinAdminMac(index, vf);
                Add(ActionKind.BindDriver, index, vf, from: vf?.Driver, to: driver, disruptive: existed && vf!.Driver is not null);
            }
            else if (vf.DriverOverride is not null)
            {
                Add(ActionKind.ClearDriverOverride, index, vf, from: vf.DriverOverride);
            }

            return;
        }

        var rebinds = vf is null || NeedsRebind(vf, group);
        if (rebinds)
        {
            Add(ActionKind.BindDefaultDriver, index, vf, from: vf?.Driver, disruptive: existed && vf!.Driver is not null);
        }
        else if (vf!.DriverOverride is not null)
        {
            Add(ActionKind.ClearDriverOverride, index, vf, from: vf.DriverOverride);
        }

        // After a (re)bind the VF's netdev, MAC and GUID are those of the new probe: steps resolve them when they run.
        var fresh = rebinds && (vf is null || vf.Driver is null || PciControl.UserspaceDrivers.Contains(vf.Driver));
        if (IsInfiniband)
        {
            if (fresh || (vf!.PfReportsVf && (vf.NodeGuid ?? 0) == 0))
            {
                Add(ActionKind.SetVfGuid, index, vf, to: "random", disruptive: !fresh);
            }
        }
        else
        {
            PinAdminMac(index, fresh ? null : vf);
        }

        if (group.Mtu is { } mtu && (fresh || vf!.Mtu != mtu))
        {
            Add(ActionKind.SetVfMtu, index, vf, from: fresh ? null : Text(vf!.Mtu), to: Text(mtu));
        }
    }

    /// <summary>
    /// Pins the admin MAC of a VF on a kernel driver whose PF reports a zero admin MAC for it (operator.md §4.4: upstream
    /// sets it to the VF's current MAC so it survives a VF driver reload). For a VF that does not exist yet, or is
    /// about to be re-probed, the step reads the MAC when it runs.
    /// </summary>
    private void PinAdminMac(int index, HostVf? vf)
    {
        if (IsInfiniband)
        {
            return;
        }

        if (vf is null)
        {
            Add(ActionKind.SetVfAdminMac, index, null);
            return;
        }

        if (vf.Netdev is not null && vf.PfReportsVf && vf.AdminMac is "00:00:00:00:00:00"
            && vf.NetdevType is null or LinkType.Ether && MacAddress.TryParse(vf.Mac, out var mac) && mac.IsValidUnicast)
        {
            Add(ActionKind.SetVfAdminMac, index, vf, from: vf.AdminMac, to: vf.Mac);
        }
    }

    private static bool NeedsRebind(HostVf vf, GroupTarget group) =>
        group.Driver is { } driver
            ? vf.Driver != driver
            : vf.Driver is null || PciControl.UserspaceDrivers.Contains(vf.Driver);

    private void PlanRecord(int? raisedFrom)
    {
        _host.Records.TryGetValue(_pf.PciAddress, out var old);
        var record = new PfRecord(_spec, old?.OriginalMtu ?? raisedFrom);
        if (old is null || old.Malformed is not null
            || !PfRecordJson.Serialize(old).AsSpan().SequenceEqual(PfRecordJson.Serialize(record)))
        {
            _actions.Add(new PlanAction
            {
                Kind = ActionKind.SaveRecord,
                Pf = _pf.PciAddress,
                PfName = _pf.Name,
                To = ExternallyManaged ? "externallyManaged" : null,
                Record = record,
            });
        }
    }

    private void Conflict(HostVf vf, string why) =>
        _problems.Add(new PlanProblem(
            $"VF {vf.PciAddress} (#{vf.Index} of {_pf.Label}) is allocated to {vf.AllocatedTo} and {why}; drain the node (or delete that pod) first",
            IsConflict: true));

    private void Problem(string message) => _problems.Add(new PlanProblem(message));

    private void Add(ActionKind kind, string? from = null, string? to = null, bool disruptive = false) =>
        _actions.Add(new PlanAction { Kind = kind, Pf = _pf.PciAddress, PfName = _pf.Name, From = from, To = to, Disruptive = disruptive && !_marked });

    private void Add(ActionKind kind, int index, HostVf? vf, string? from = null, string? to = null, bool disruptive = false) =>
        _actions.Add(new PlanAction
        {
            Kind = kind,
            Pf = _pf.PciAddress,
            PfName = _pf.Name,
            Vf = index,
            VfAddress = vf?.PciAddress,
            From = from,
            To = to,
            Disruptive = disruptive && !_marked,
        });

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);
}
