namespace Sriov.ConfigDaemon.Commands;

/// <summary>The daemon's command-line usage.</summary>
internal static class Usage
{
    public const string Text = """
        usage:
          sriov-network-config-daemon discover [--host-root DIR]
              print the node's SR-IOV NICs as a node state's status: {"interfaces":[...]}; changes nothing
          sriov-network-config-daemon plan --node-state FILE [--host-root DIR] [--state-dir DIR]
              print what apply would do: {"drain":bool,"actions":[...]} (and "errors"; exit 1 when there are any)
          sriov-network-config-daemon apply --node-state FILE [--host-root DIR] [--state-dir DIR]
              configure the node once, without a cluster (boot time, tests); exit 1 naming the failed step
          sriov-network-config-daemon start [--node-name N] [--namespace NS] [--host-root DIR] [--state-dir DIR]
                                            [--health-addr HOST:PORT] [--kubeconfig FILE]
              run the daemon: watch this node's SriovNetworkNodeState and keep the node in its spec
          sriov-network-config-daemon wait-for-config --pod-name P --pod-namespace NS [--kubeconfig FILE]
              the device plugin's init container: wait until the config daemon has configured this node

        FILE is a SriovNetworkNodeState in YAML or JSON (its spec is used), or - for stdin. --host-root is where the
        node's / is (default /; /host in the daemon's pod); --state-dir holds the per-PF records (pci/<pci>), default
        <host root>/etc/sriov-operator. DEV_MODE=TRUE reports SR-IOV NICs that are not in the supported list.
        """;
}
