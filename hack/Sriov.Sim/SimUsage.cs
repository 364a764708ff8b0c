namespace Sriov.Sim;

/// <summary>The top-level help of <c>sriov-sim</c>. Each command group adds its lines.</summary>
internal static class SimUsage
{
    public const string Text = """
        usage: sriov-sim <command> [args]

        commands:
          node profiles|create|run|check|destroy       the simulated SR-IOV node (sriov-sim node --help)
          host inventory|set-numvfs|bind|bind-default|unbind|wait-netdev
                                                       Sriov.Host's sysfs model on a host root (sriov-sim host --help)
        """;
}
