using System.Globalization;
using Sriov.Api.NodeStates;
using Sriov.ConfigDaemon.Discovery;
using Sriov.ConfigDaemon.Records;
using Sriov.Host.Sysfs;

namespace Sriov.ConfigDaemon.Planning;

/// <summary>
/// The pure planner: desired spec + discovered host (with the per-PF records and markers) → ordered steps, whether a
/// drain must come first, and the problems that prevent applying. First the PFs that left the spec and carry our record
/// are reset (0 VFs, MTU back, record removed; an externally managed one only loses its record), then each PF of the
/// spec in spec order (<see cref="PfPlanner"/>), then stale markers are cleared. A PF without our record is never
/// touched unless the spec names it. A drain is needed when a step removes VFs or rebinds one that existed on a PF
/// without a marker (while the marker is set, nothing could have allocated its VFs), or when a VF to change is
/// allocated to a live pod; creating VFs where there were none, MTUs, MACs and PF up need none.
/// </summary>
internal static class NodePlanner
{
    public static NodePlan Plan(SriovNetworkNodeStateSpec? spec, HostSnapshot host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<PlanProblem>();
        var actions = new List<PlanAction>();
        var wanted = Desired(spec, problems);
        var wantedPcis = wanted.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var handled = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (pci, record) in host.Records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!wantedPcis.Contains(pci))
            {
                actions.AddRange(Reset(pci, record, host, problems));
                handled.Add(pci);
            }
        }

        foreach (var (pci, iface) in wanted)
        {
            if (host.Find(pci) is not { } pf)
            {
                problems.Add(new PlanProblem($"the spec names PF {pci}, which is not on this node or is not a supported SR-IOV NIC; check the policy's nicSelector"));
                continue;
            }

            actions.AddRange(PfPlanner.Plan(iface, pf, host, problems));
            handled.Add(pci);
        }

        foreach (var pci in host.MarkedPfs.Order(StringComparer.Ordinal).Where(p => !handled.Contains(p)))
        {
            actions.Add(new PlanAction { Kind = ActionKind.ClearMarker, Pf = pci, PfName = host.Find(pci)?.Name });
        }

        var drain = actions.Any(a => a.Disruptive) || problems.Any(p => p.IsConflict);
        return new NodePlan(drain, actions, problems);
    }

    /// <summary>The spec's PFs by canonical PCI address, in spec order; duplicates and bad addresses are problems.</summary>
    private static List<KeyValuePair<string, InterfaceSpec>> Desired(SriovNetworkNodeStateSpec? spec, List<PlanProblem> problems)
    {
        var list = new List<KeyValuePair<string, InterfaceSpec>>();
        var interfaces = spec?.Interfaces ?? [];
        for (var i = 0; i < interfaces.Count; i++)
        {
            var iface = interfaces[i];
            if (!PciAddress.TryParse(iface.PciAddress, out var address))
            {
                problems.Add(new PlanProblem($"spec.interfaces[{i}].pciAddress \"{iface.PciAddress}\" is not a PCI address such as 0000:3b:00.0"));
                continue;
            }

            var pci = address.ToString();
            if (list.Any(e => e.Key == pci))
            {
                problems.Add(new PlanProblem($"spec.interfaces[{i}]: PF {pci} is listed twice; the operator renders one entry per PF"));
                continue;
            }

            list.Add(new(pci, iface));
        }

        return list;
    }

    /// <summary>A PF that left the spec: ours (record, not externally managed) is reset; an externally managed one only loses its record.</summary>
    private static IReadOnlyList<PlanAction> Reset(string pci, PfRecord record, HostSnapshot host, List<PlanProblem> problems)
    {
        var pf = host.Find(pci);
        var actions = new List<PlanAction>();
        if (pf is null)
        {
            // Not reported (gone, or no longer a supported model): keep the record, so the PF is still known as ours
            // if it comes back.
            return actions;
        }

        if (!record.ExternallyManaged)
        {
            var marked = host.MarkedPfs.Contains(pci);
            if (pf.NumVfs > 0)
            {
                foreach (var vf in pf.Vfs.Where(v => v.AllocatedTo is not null))
                {
                    problems.Add(new PlanProblem(
                        $"VF {vf.PciAddress} (#{vf.Index} of {pf.Label}) is allocated to {vf.AllocatedTo} and the PF left the spec, so its VFs are removed; drain the node (or delete that pod) first",
                        IsConflict: true));
                }

                actions.Add(new PlanAction
                {
                    Kind = ActionKind.SetNumVfs, Pf = pci, PfName = pf.Name, From = Text(pf.NumVfs), To = "0", Disruptive = !marked,
                });
            }

            if (record.OriginalMtu is { } mtu && pf.Mtu is { } current && current != mtu)
            {
                actions.Add(new PlanAction { Kind = ActionKind.SetPfMtu, Pf = pci, PfName = pf.Name, From = Text(current), To = Text(mtu) });
            }

            actions.Add(new PlanAction { Kind = ActionKind.DeleteRecord, Pf = pci, PfName = pf.Name });
            return PfPlanner.WithMarker(actions, pf, marked);
        }

        actions.Add(new PlanAction { Kind = ActionKind.DeleteRecord, Pf = pci, PfName = pf.Name });
        if (host.MarkedPfs.Contains(pci))
        {
            actions.Add(new PlanAction { Kind = ActionKind.ClearMarker, Pf = pci, PfName = pf.Name });
        }

        return actions;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
