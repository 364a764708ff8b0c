namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// <c>plan --node-state FILE [--host-root DIR] [--state-dir DIR]</c>: prints the steps apply would take and whether a
/// drain is needed; changes nothing. Exit 1 when the plan has problems (listed under <c>errors</c>).
/// </summary>
internal static class PlanCommand
{
    public static int Run(IReadOnlyList<string> args, CommandEnvironment env)
    {
        var a = CommandArgs.Parse(args, ["--node-state", "--host-root", "--state-dir"]);
        var state = NodeStateFile.Read(a.Required("--node-state"));
        using var host = env.OpenHost(CommandEnvironment.Root(a), a.Value("--state-dir"));
        var (_, plan) = NodeSession.DiscoverAndPlan(host, env.SupportedNics, env.DevMode, state.Spec);
        env.Out.WriteLine(OutputJson.Plan(plan));
        if (plan.HasProblems)
        {
            env.Error.WriteLine("sriov-network-config-daemon plan: the node state cannot be applied: " + plan.ProblemText);
            return 1;
        }

        return 0;
    }
}
