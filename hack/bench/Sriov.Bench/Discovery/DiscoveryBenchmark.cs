using System.Globalization;
using Sriov.Bench.Nodes;
using Sriov.Bench.Timing;
using Sriov.Host.Sysfs;

namespace Sriov.Bench.Discovery;

/// <summary>
/// ARCHITECTURE.md budget: discovery of 4 PFs × 128 VFs in-process ≤ 50 ms, with no driver-computed attribute read.
/// The node is two E810 NICs (2 ports each, every VF created, each with its netdev) laid out by the simulator; the
/// tree is on the ordinary filesystem, whose per-file cost is close to sysfs's (both are in-memory lookups).
/// Prints Markdown table rows: median, p90 and min over many runs after a warm-up, and the verdict.
/// </summary>
internal static class DiscoveryBenchmark
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 101;
        using var node = BenchNodes.FourPortsWith128Vfs();
        var discovery = new PciDiscovery(node.Root);
        var inventory = discovery.DiscoverAll();
        var vfs = inventory.Count(f => f.IsVirtualFunction);
        if (vfs != 512 || inventory.Any(f => f.Problems.Count > 0) || inventory.Count(f => f.Netdevs.Count > 0) != 516)
        {
            Console.Error.WriteLine($"discovery: unexpected inventory ({vfs} VFs); not measuring");
            return 1;
        }

        var pf = PciAddress.Parse("0000:86:00.1");
        var oneVf = inventory.VfsOf(pf)[77].Address;
        var all = Measure(runs, () => discovery.DiscoverAll());
        var ofPf = Measure(runs, () => discovery.DiscoverVfs(pf));
        var one = Measure(runs, () => discovery.Discover(oneVf));

        Console.WriteLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} by `hack/bench/discovery.sh`: {runs} runs after 10 warm-up runs, in-process, "
            + $"{Environment.ProcessorCount} CPUs, .NET {Environment.Version}. Tree: 4 PFs × 128 VFs (516 functions with a netdev each, plus bridges), "
            + "every attribute of ARCHITECTURE.md's discovery list read, no driver-computed attribute (`speed`, `phys_port_name`, `phys_switch_id`).");
        Console.WriteLine();
        Console.WriteLine("| what | median | p90 | min | budget | verdict |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(Row($"`PciDiscovery.DiscoverAll()`: {inventory.Count} functions", all, Budget));
        Console.WriteLine(Row("`PciDiscovery.DiscoverVfs(pf)`: 128 VFs of one PF", ofPf, null));
        Console.WriteLine(Row("`PciDiscovery.Discover(vf)`: one VF (index found through its PF's links)", one, null));
        return all.Median <= Budget ? 0 : 3;
    }

    private static Stats Measure(int runs, Action action)
    {
        var times = Samples.Time(runs, action);
        Array.Sort(times);
        return new Stats(TimeSpan.FromMilliseconds(times[runs / 2]), TimeSpan.FromMilliseconds(times[(int)(runs * 0.9)]), TimeSpan.FromMilliseconds(times[0]));
    }

    private static string Row(string what, Stats s, TimeSpan? budget) =>
        string.Create(CultureInfo.InvariantCulture, $"| {what} | {Ms(s.Median)} | {Ms(s.P90)} | {Ms(s.Min)} | ")
        + (budget is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"≤ {b.TotalMilliseconds:0} ms | {(s.Median <= b ? "within" : "OVER")} ({s.Median / b:0.00} of budget) |")
            : "– | – |");

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private readonly record struct Stats(TimeSpan Median, TimeSpan P90, TimeSpan Min);
}
