using System.Globalization;
using System.Text;
using Sriov.Bench.Nodes;
using Sriov.Sim.Kubelet;

namespace Sriov.Bench.DevicePlugin;

/// <summary>
/// Idle RSS of the NativeAOT binary serving N pools of 16 VFs each (one Kestrel host per pool) to the kubelet
/// emulator in plugin-watcher mode: every pool registered and its ListAndWatch stream open, then 10 s without
/// activity (a resync runs every 5 s), then VmRSS.
/// </summary>
internal static class RssBenchmark
{
    private const double BudgetMib = 30;

    public static async Task<int> RunAsync(string binary, IReadOnlyList<int> poolCounts)
    {
        using var node = BenchNodes.FourPortsWith128Vfs();
        var status = 0;
        foreach (var pools in poolCounts)
        {
            var config = Config(pools);
            await using var plugin = await PluginProcess.StartAsync(binary, node.Root.Path, config, "intel.com_pool0.sock");
            await using var kubelet = await KubeletEmulator.StartAsync(new KubeletEmulatorOptions
            {
                DevicePluginDir = Path.Join(plugin.Dir, "kubelet-device-plugins"),
                PluginsRegistryDir = plugin.Registry,
            });
            for (var i = 0; i < pools; i++)
            {
                await kubelet.WaitForResourceAsync($"intel.com/pool{i}", r => r.Connected && r.Allocatable == 16, TimeSpan.FromSeconds(30));
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
            var (rss, peak) = plugin.Memory();
            var anonymous = plugin.Anonymous() / 1024.0;
            var mib = rss / 1024.0;
            var verdict = mib <= BudgetMib ? "within" : "OVER";
            status = mib <= BudgetMib ? status : 3;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| idle RSS, {pools} pools of 16 VFs, {pools} ListAndWatch streams | {mib:0.0} MiB ({mib - anonymous:0.0} mapped binary, {anonymous:0.0} heap and stacks) | peak {peak / 1024.0:0.0} MiB | – | ≤ {BudgetMib:0} MiB | {verdict} ({mib / BudgetMib:0.00} of budget) |"));
        }

        return status;
    }

    /// <summary>N pools of 16 VFs: ens1f0#0-15, ens1f0#16-31, ... through the four PFs.</summary>
    internal static string Config(int pools)
    {
        string[] pfs = ["ens1f0", "ens1f1", "ens5f0", "ens5f1"];
        var resources = new StringBuilder();
        for (var i = 0; i < pools; i++)
        {
            var pf = pfs[i / 8 % 4];
            var from = i % 8 * 16;
            resources.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"resourceName":"pool{{{i}}}","selectors":{"pfNames":["{{{pf}}}#{{{from}}}-{{{from + 15}}}"]}}""");
        }

        return $$"""{"resourceList":[{{resources}}]}""";
    }
}
