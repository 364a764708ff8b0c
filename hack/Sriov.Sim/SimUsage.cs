namespace Sriov.Sim;

/// <summary>The top-level help of <c>sriov-sim</c>. Each command group adds its lines.</summary>
internal static class SimUsage
{
    public const string Text = """
        usage: sriov-sim <command> [args]

        commands:
          apiserver --port P [--crds DIR]... [--kubeconfig FILE] [--history N]
                               serve the Kubernetes API emulator on 127.0.0.1:P (0: any free port), apply the
                               manifests in DIR, write a kubeconfig to FILE, print "ready", run until SIGTERM
          host inventory|set-numvfs|bind|bind-default|unbind|wait-netdev
                                                       Sriov.Host's sysfs model on a host root (sriov-sim host --help)
          kubelet --dir D [--device-plugins-dir X] [--plugins-registry-dir Y | --no-plugin-watcher]
                               run the kubelet emulator for D/device-plugins and D/plugins_registry, print
                               "ready", answer stdin commands (status, allocate POD CONTAINER RESOURCE COUNT,
                               release POD, restart, quit) with one JSON line each, run until EOF or SIGTERM
          node profiles|create|run|check|destroy       the simulated SR-IOV node (sriov-sim node --help)
          realkernel prepare-all --results DIR TESTS.dll...
                                                       the real-kernel tier's shared boots for every test assembly
                                                       (sriov-sim realkernel --help)
          scenario list|show|run|compare               scripted sysfs and netlink operations through Sriov.Host, recorded
                                                       on the real kernel or a simulated node, and the two records
                                                       compared (sriov-sim scenario --help)
        """;
}
