using System.Diagnostics;
using System.Globalization;
using Sriov.Operator.Render;

namespace Sriov.Bench.Render;

/// <summary>
/// ARCHITECTURE.md budget "Operator render: 5,000 nodes × 20 policies ≤ 2 s on one core; a change to one node
/// re-renders that node only". Prints Markdown rows for docs/benchmarks.md. Run it pinned to one core
/// (hack/bench/render.sh uses <c>taskset -c 0</c>); CPU time of the process is reported next to wall time.
/// </summary>
internal static class RenderBenchmark
{
    private const double BudgetSeconds = 2.0;

    public static int Run(string[] args)
    {
        var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var policies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;

        var nodeList = RenderCluster.Nodes(nodes);
        var states = RenderCluster.States(nodeList);
        var context = RenderCluster.Context(RenderCluster.Policies(policies));

        // Full render: a fresh renderer (empty memo) each run; 2 warm-up runs let the JIT settle.
        ClusterRender last = null!;
        var full = Measure(runs, warmup: 2, () => last = new ClusterRenderer().Render(context, nodeList, states));
        if (last.Errors.Count > 0 && last.DevicePluginConfigBytes <= DevicePluginConfigLimits.MaxDataBytes)
        {
            Console.Error.WriteLine(string.Join('\n', last.Errors));
            return 1;
        }

        // One changed node: the memo holds every node; flip one node's label and render the cluster again.
        var renderer = new ClusterRenderer();
        renderer.Render(context, nodeList, states);
        var flip = 0;
        var renderedAfterChange = new HashSet<int>();
        var one = Measure(runs * 7, warmup: 5, () =>
        {
            var i = (flip * 7919) % nodes;
            nodeList[i] = RenderCluster.Node(i, $"rack-{flip++}"); // a label value it never had
            renderedAfterChange.Add(renderer.Render(context, nodeList, states).RenderedNodeCount);
        });
        var renderedUnchanged = new HashSet<int>();
        var unchanged = Measure(runs * 7, warmup: 2, () => renderedUnchanged.Add(renderer.Render(context, nodeList, states).RenderedNodeCount));

        var perNode = (double)last.DevicePluginConfigBytes / Math.Max(1, last.DevicePluginConfigData.Count);
        var verdict = full.CpuSeconds <= BudgetSeconds ? "within budget" : "OVER BUDGET";
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| measurement | median wall | median CPU | notes |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(string.Format(inv, "| full render, {0:N0} nodes × {1} policies | {2:F3} s | {3:F3} s | budget {4:F1} s CPU: {5}; {6:N0} node renders |",
            nodes, policies, full.WallSeconds, full.CpuSeconds, BudgetSeconds, verdict, nodes));
        Console.WriteLine(string.Format(inv, "| re-render after one node's labels changed | {0:F2} ms | {1:F2} ms | nodes rendered per call: {2}; ratio to full render: {3:P2} |",
            one.WallSeconds * 1000, one.CpuSeconds * 1000, string.Join("/", renderedAfterChange), one.WallSeconds / full.WallSeconds));
        Console.WriteLine(string.Format(inv, "| re-render with nothing changed | {0:F2} ms | {1:F2} ms | nodes rendered per call: {2} |",
            unchanged.WallSeconds * 1000, unchanged.CpuSeconds * 1000, string.Join("/", renderedUnchanged)));
        Console.WriteLine(string.Format(inv, "| device-plugin-config size | | | {0:N0} bytes for {1:N0} nodes ({2:N0} bytes per node with {3} {5}): {4:N0} nodes fit in 1 MiB |",
            last.DevicePluginConfigBytes, last.DevicePluginConfigData.Count, perNode, policies, Math.Floor(DevicePluginConfigLimits.MaxDataBytes / perNode), policies == 1 ? "policy" : "policies"));
        return full.CpuSeconds <= BudgetSeconds ? 0 : 1;
    }

    private static (double WallSeconds, double CpuSeconds) Measure(int runs, int warmup, Action action)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var walls = new List<double>();
        var cpus = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            sw.Stop();
            process.Refresh();
            walls.Add(sw.Elapsed.TotalSeconds);
            cpus.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
        }

        return (Median(walls), Median(cpus));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
