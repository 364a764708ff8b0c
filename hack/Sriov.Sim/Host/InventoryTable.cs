using System.Globalization;
using System.Text;
using Sriov.Host.Sysfs;

namespace Sriov.Sim.Host;

/// <summary>Formats a <see cref="PciInventory"/> as a text table: each PF, then its VFs in index order. Pure.</summary>
internal static class InventoryTable
{
    private static readonly string[] Header = ["PF", "VF", "PCI ADDRESS", "ID", "DRIVER", "NETDEV", "NUMA"];

    /// <param name="inventory">What discovery found.</param>
    /// <param name="all">Also list functions that are neither PFs nor VFs (bridges, other devices).</param>
    public static string Format(PciInventory inventory, bool all = false)
    {
        var rows = new List<string[]>();
        foreach (var pf in inventory.PhysicalFunctions)
        {
            var pfName = NetdevOr(pf);
            rows.Add(Row(pf, pfName, "-"));
            foreach (var vf in inventory.VfsOf(pf.Address))
            {
                rows.Add(Row(vf, pfName, vf.VfIndex?.ToString(CultureInfo.InvariantCulture) ?? "?"));
            }
        }

        // VFs whose PF is not visible (inside a VM) are still functions to list.
        foreach (var f in inventory.Where(f => f.IsVirtualFunction && inventory.Find(f.PhysFn!.Value) is null))
        {
            rows.Add(Row(f, f.PhysFn!.Value.ToString(), f.VfIndex?.ToString(CultureInfo.InvariantCulture) ?? "?"));
        }

        if (all)
        {
            foreach (var f in inventory.Where(f => !f.IsPhysicalFunction && !f.IsVirtualFunction))
            {
                rows.Add(Row(f, "-", "-"));
            }
        }

        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        Append(text, Header, widths);
        foreach (var row in rows)
        {
            Append(text, row, widths);
        }

        var problems = inventory.Where(f => f.Problems.Count > 0).ToList();
        if (problems.Count > 0)
        {
            text.AppendLine().AppendLine("problems:");
            foreach (var f in problems)
            {
                foreach (var p in f.Problems)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {f.Address} {p}").AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string[] Row(PciFunction f, string pf, string vf) =>
    [
        pf,
        vf,
        f.Address.ToString(),
        $"{f.VendorId ?? "?"}:{f.DeviceId ?? "?"}",
        f.Driver ?? "-",
        f.Netdevs.Count == 0 ? "-" : string.Join(",", f.Netdevs.Select(n => n.Name)),
        f.NumaNode.ToString(CultureInfo.InvariantCulture),
    ];

    private static string NetdevOr(PciFunction f) => f.Netdevs.Count > 0 ? f.Netdevs[0].Name : f.Address.ToString();

    private static void Append(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.AppendLine();
    }
}
