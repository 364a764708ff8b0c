// sriov-bench: in-process benchmarks of ARCHITECTURE.md's budgets. Each benchmark lives in its own folder and prints
// its medians and budget verdicts as Markdown table rows, which the hack/bench/*.sh wrappers put in docs/benchmarks.md.
return args.Length == 0 ? Usage() : args[0] switch
{
    // One line per benchmark; keep the cases sorted.
    "config-daemon" => await Sriov.Bench.ConfigDaemon.ConfigDaemonBenchmark.RunAsync(args[1..]),
    "device-plugin" => await Sriov.Bench.DevicePlugin.DevicePluginBenchmark.RunAsync(args[1..]),
    "discovery" => Sriov.Bench.Discovery.DiscoveryBenchmark.Run(args[1..]),
    "render" => Sriov.Bench.Render.RenderBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: sriov-bench <benchmark> [args]");
    return 2;
}
