using System.Diagnostics;
using System.Globalization;
using Sriov.Bench.Nodes;
using Sriov.Bench.Timing;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;

namespace Sriov.Bench.DevicePlugin;

/// <summary>
/// ARCHITECTURE.md budgets of the device plugin, printed as Markdown rows for docs/benchmarks.md:
/// <c>device-plugin discovery [RUNS]</c>: the plugin's whole discovery round (PCI scan, default-route dump, markers,
/// selection into pools, health) of 4 PFs × 128 VFs in-process, ≤ 50 ms;
/// <c>device-plugin allocate BINARY [CALLS]</c>: Allocate over the unix socket of the published NativeAOT binary, p99 ≤ 1 ms;
/// <c>device-plugin rss BINARY POOLS...</c>: idle RSS of that binary serving N pools to the kubelet emulator, ≤ 30 MiB.
/// </summary>
internal static class DevicePluginBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "discovery":
                return Discovery(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 201);
            case "allocate" when args.Length > 1:
                return await AllocateBenchmark.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000);
            case "rss" when args.Length > 2:
                return await RssBenchmark.RunAsync(args[1], [.. args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))]);
            default:
                Console.Error.WriteLine("usage: sriov-bench device-plugin discovery [RUNS] | allocate BINARY [CALLS] | rss BINARY POOLS...");
                return 2;
        }
    }

    /// <summary>Two pools like a partitioned node: the first 64 VFs of ens1f0 by range, then every other iavf VF.</summary>
    internal const string TwoPools = """
        {"resourceList":[
          {"resourceName":"ens1f0_low","selectors":{"pfNames":["ens1f0#0-63"]}},
          {"resourceName":"iavf","selectors":{"vendors":["8086"],"devices":["1889"],"drivers":["iavf"]}}
        ]}
        """;

    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    private static int Discovery(int runs)
    {
        using var node = BenchNodes.FourPortsWith128Vfs();
        var config = ConfigLoader.Parse(TwoPools, "bench", "intel.com");
        var scanner = new HostScanner(node.Root, new NetlinkDefaultRoutes(), new DdptoolProfiles());
        var discovery = new PoolDiscovery(scanner);
        DiscoveryRound Round() => discovery.Run(config, _ => [], s => SysfsLinks.Read(s.Inventory), linkRule: true);
        var first = Round();
        var devices = first.Pools.Sum(p => p.Entries.Count);
        if (devices != 512 || first.Pools[0].Entries.Count != 64)
        {
            Console.Error.WriteLine($"device-plugin discovery: unexpected pools ({devices} devices); not measuring");
            return 1;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Round();
        var allocatedMib = (GC.GetAllocatedBytesForCurrentThread() - before) / 1048576.0;
        var scan = Measure(runs, () => scanner.Scan(config));
        var round = Measure(runs, () => Round());

        // The serving plugin follows each round with a compacting full collection (PluginHost); its cost with a
        // round's garbage on the heap:
        var collect = Measure(runs, () =>
        {
            GC.KeepAlive(Round());
            var start = Stopwatch.GetTimestamp();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        Console.WriteLine($"| discovery round (scan, default-route dump, selection into 2 pools, health): 512 VFs | {Latencies.Ms(round.Median)} | "
            + $"p90 {Latencies.Ms(round.Percentile(90))} | min {Latencies.Ms(round.Min)} | ≤ {Budget.TotalMilliseconds:0} ms | "
            + $"{(round.Median <= Budget.TotalMilliseconds ? "within" : "OVER")} ({round.Median / Budget.TotalMilliseconds:0.00} of budget) |");
        Console.WriteLine($"| the compacting full GC that follows each round in the serving plugin | {Latencies.Ms(collect.Median)} | p90 {Latencies.Ms(collect.Percentile(90))} | min {Latencies.Ms(collect.Min)} | – | – |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| memory allocated by one round (garbage after it) | {allocatedMib:0.0} MiB | – | – | – | – |"));
        Console.WriteLine($"| the scan alone, measured separately (PciDiscovery, route dump, markers, extras) | {Latencies.Ms(scan.Median)} | p90 {Latencies.Ms(scan.Percentile(90))} | min {Latencies.Ms(scan.Min)} | – | – |");
        return round.Median <= Budget.TotalMilliseconds ? 0 : 3;
    }

    /// <summary>Times <paramref name="measured"/>, which returns the milliseconds of the part it measures itself.</summary>
    private static Latencies Measure(int runs, Func<double> measured)
    {
        for (var i = 0; i < 3; i++)
        {
            measured();
        }

        return new Latencies([.. Enumerable.Range(0, runs).Select(_ => measured())]);
    }

    private static Latencies Measure(int runs, Action action) => new(Samples.Time(runs, action));
}
