namespace Sriov.Sim;

/// <summary>The top-level help of <c>sriov-sim</c>. Each command group adds its lines.</summary>
internal static class SimUsage
{
    public const string Text = """
        usage: sriov-sim <command> [args]

        commands:
        """;
}
