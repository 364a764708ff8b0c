using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Apply;
using Sriov.ConfigDaemon.Commands;
using Sriov.ConfigDaemon.Planning;

namespace Sriov.Bench.ConfigDaemon;

/// <summary>
/// The config daemon on 8 PFs × 64 VFs (simulated node, in-process): discovery + plan on the fresh node, the apply
/// that creates and binds all 512 VFs (sysfs writes, the kernel emulator's reactions and the executor's waits), then
/// discovery + plan and the whole re-apply of the applied node, whose budget (ARCHITECTURE.md) is zero sysfs writes.
/// Prints Markdown: medians, min and max, and the write counts.
/// </summary>
internal static class ConfigDaemonBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        var freshPlan = new List<double>();
        var apply = new List<double>();
        var appliedPlan = new List<double>();
        var reapply = new List<double>();
        int applyWrites = 0, applySteps = 0, reapplyWrites = 0, rejected = 0;
        for (var run = 0; run < runs; run++)
        {
            using var node = BenchNode.Create();
            await node.Node.WaitIdleAsync();
            freshPlan.AddRange(Time(21, () => Plan(node)));

            var start = Stopwatch.GetTimestamp();
            applySteps = await ApplyAsync(node);
            await node.Node.WaitIdleAsync();
            apply.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            applyWrites = node.Writer.Writes;
            rejected += node.Node.Rejections.Count;

            appliedPlan.AddRange(Time(21, () => Plan(node)));
            var before = node.Writer.Writes;
            reapply.AddRange(await TimeAsync(21, () => ApplyAsync(node)));
            reapplyWrites = node.Writer.Writes - before;
        }

        Console.WriteLine($"Measured {DateTime.UtcNow:yyyy-MM-dd} by `hack/bench/config-daemon.sh`: {runs} fresh nodes, in-process, "
            + $"{Environment.ProcessorCount} CPUs, .NET {Environment.Version}. Node: 4 X710 NICs, 8 PFs × 64 VFs (i40e/iavf, file netdevs, "
            + "kernel emulator, driver emulator); spec: every PF 64 VFs, VFs 0-31 on vfio-pci, 32-63 on iavf. Plans: 21 runs per node.");
        Console.WriteLine();
        Console.WriteLine("| what | median | min | max | sysfs writes | notes |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(Row("discover + plan, fresh node", freshPlan, "–", "512 VFs to create"));
        Console.WriteLine(Row("apply from nothing (discover, plan, run, re-plan)", apply, applyWrites.ToString(CultureInfo.InvariantCulture),
            $"{applySteps} steps; includes the emulator's reaction to each write and the executor's polling; {rejected} rejected operations"));
        Console.WriteLine(Row("discover + plan, applied node", appliedPlan, "–", "0 steps"));
        Console.WriteLine(Row("re-apply of the applied state", reapply, reapplyWrites.ToString(CultureInfo.InvariantCulture), "budget: 0 writes"));
        return reapplyWrites == 0 && rejected == 0 ? 0 : 3;
    }

    private static NodePlan Plan(BenchNode node) =>
        NodeSession.DiscoverAndPlan(node.Host, SupportedNicList.BuiltIn, devMode: false, BenchNode.Spec).Plan;

    /// <summary>What <c>apply</c> does: plan, run, until nothing is left (at most three passes); returns the steps run.</summary>
    private static async Task<int> ApplyAsync(BenchNode node)
    {
        var executor = new PlanExecutor(node.Host, NullLogger.Instance);
        var steps = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            var plan = Plan(node);
            if (plan.HasProblems)
            {
                throw new InvalidOperationException(plan.ProblemText);
            }

            if (plan.IsEmpty)
            {
                return steps;
            }

            await executor.ExecuteAsync(plan);
            steps += plan.Actions.Count;
        }

        throw new InvalidOperationException("the node did not converge in three passes");
    }

    private static List<double> Time(int runs, Action action)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<List<double>> TimeAsync(int runs, Func<Task<int>> action)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static string Row(string what, List<double> times, string writes, string notes)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {Ms(times[times.Count / 2])} | {Ms(times[0])} | {Ms(times[^1])} | {writes} | {notes} |");
    }

    private static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
