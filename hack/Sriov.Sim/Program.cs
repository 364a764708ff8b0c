// sriov-sim: the simulated SR-IOV node, the kernel and driver emulators, the Kubernetes API emulator and the kubelet
// emulator. Each command group lives in its own folder; this file only routes the first argument.
using Sriov.Sim;

return args.Length == 0 ? Usage() : args[0] switch
{
    // One line per command group; keep the cases sorted.
    "-h" or "--help" or "help" => Usage(0),
    "apiserver" => await Sriov.Sim.ApiServer.ApiServerCommand.RunAsync(args[1..]),
    "host" => await Sriov.Sim.Host.HostCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "kubelet" => await Sriov.Sim.Kubelet.KubeletCommand.RunAsync(args[1..]),
    "node" => Sriov.Sim.Node.Cli.NodeCommand.Run(args[1..], Console.Out, Console.Error),
    "realkernel" => await Sriov.Sim.RealKernel.RealKernelCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "scenario" => await Sriov.Sim.Scenario.ScenarioCommand.RunAsync(args[1..], Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage(int code = 2)
{
    (code == 0 ? Console.Out : Console.Error).WriteLine(SimUsage.Text);
    return code;
}
