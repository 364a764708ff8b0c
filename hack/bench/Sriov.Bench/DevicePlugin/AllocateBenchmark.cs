using System.Diagnostics;
using Grpc.Core;
using Sriov.Bench.Nodes;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.Bench.DevicePlugin;

/// <summary>
/// Allocate latency over the unix socket of the NativeAOT binary, the kubelet's way: one client channel, one request
/// per call with one container and one device, devices taken in turn, each call writing its device-info file (tmpfs).
/// 1,000 warm-up calls, then the measured ones, one at a time (the kubelet admits pods one by one), each after a
/// GetDevicePluginOptions call whose latency is the floor.
/// </summary>
internal static class AllocateBenchmark
{
    private const double BudgetMs = 1.0;
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string binary, int calls)
    {
        using var node = BenchNodes.FourPortsWith128Vfs();
        await using var plugin = await PluginProcess.StartAsync(binary, node.Root.Path, DevicePluginBenchmark.TwoPools, "intel.com_iavf.sock");
        using var channel = UnixSocketChannel.Create(Path.Join(plugin.Registry, "intel.com_iavf.sock"));
        var client = new Sriov.Kubelet.DevicePlugin.V1Beta1.DevicePlugin.DevicePluginClient(channel);
        List<string> ids;
        using (var watch = client.ListAndWatch(new Empty()))
        {
            await watch.ResponseStream.MoveNext();
            ids = [.. watch.ResponseStream.Current.Devices.Select(d => d.ID)];
        }

        async Task Call(int i)
        {
            var response = await client.AllocateAsync(new AllocateRequest
            {
                ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { ids[i % ids.Count] } } },
            });
            if (response.ContainerResponses.Count != 1)
            {
                throw new InvalidOperationException("Allocate answered no container response");
            }
        }

        for (var i = 0; i < 1000; i++)
        {
            await Call(i);
        }

        // Allocate interleaved with the cheapest RPC over the same socket (the floor: the gRPC stack and the machine),
        // so both see the same moments of a shared machine; three rounds, the middle one (by Allocate p99) reported.
        var rounds = new List<(Latencies Allocate, Latencies Floor)>();
        for (var round = 0; round < Rounds; round++)
        {
            var allocate = new double[calls];
            var floor = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await client.GetDevicePluginOptionsAsync(new Empty());
                floor[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                await Call(i);
                allocate[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            rounds.Add((new Latencies(allocate), new Latencies(floor)));
        }

        rounds.Sort((a, b) => a.Allocate.Percentile(99).CompareTo(b.Allocate.Percentile(99)));
        var (l, f) = rounds[Rounds / 2];
        var p99s = string.Join(", ", rounds.Select(r => Latencies.Ms(r.Allocate.Percentile(99))));
        var (rss, _) = plugin.Memory();
        Console.WriteLine($"| GetDevicePluginOptions over the socket, interleaved (floor: gRPC and the machine) | {Latencies.Ms(f.Median)} | "
            + $"p99 {Latencies.Ms(f.Percentile(99))} | max {Latencies.Ms(f.Max)} | – | – |");
        Console.WriteLine($"| Allocate over the socket, {calls:N0} calls of 1 device ({ids.Count} in the pool), middle of {Rounds} rounds (p99s: {p99s}) | {Latencies.Ms(l.Median)} | "
            + $"p99 {Latencies.Ms(l.Percentile(99))} | max {Latencies.Ms(l.Max)} | p99 ≤ {BudgetMs:0} ms | "
            + $"{(l.Percentile(99) <= BudgetMs ? "within" : "OVER")} ({l.Percentile(99) / BudgetMs:0.00} of budget); RSS after: {rss / 1024.0:0.0} MiB |");
        return l.Percentile(99) <= BudgetMs ? 0 : 3;
    }
}
