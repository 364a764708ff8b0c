using Sriov.ConfigDaemon.Apply;

namespace Sriov.ConfigDaemon.Commands;

/// <summary>
/// <c>apply --node-state FILE [--host-root DIR] [--state-dir DIR]</c>: configures the node once, without a cluster
/// (before the kubelet starts, so no drain is asked for; VFs allocated to live pods are still never touched). Prints
/// the plan it ran. After running it re-discovers and plans again, up to three passes, so it exits 0 only on a node
/// that needs nothing more; exit 1 names the failed step or what is left.
/// </summary>
internal static class ApplyCommand
{
    private const int MaxPasses = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandEnvironment env, CancellationToken cancellationToken)
    {
        var a = CommandArgs.Parse(args, ["--node-state", "--host-root", "--state-dir"]);
        var state = NodeStateFile.Read(a.Required("--node-state"));
        using var host = env.OpenHost(CommandEnvironment.Root(a), a.Value("--state-dir"));
        var executor = new PlanExecutor(host, env.Loggers.CreateLogger("apply"));
        for (var pass = 1; ; pass++)
        {
            var (_, plan) = NodeSession.DiscoverAndPlan(host, env.SupportedNics, env.DevMode, state.Spec);
            if (plan.HasProblems)
            {
                env.Error.WriteLine("sriov-network-config-daemon apply: nothing was changed: " + plan.ProblemText);
                return 1;
            }

            if (plan.IsEmpty)
            {
                return 0;
            }

            if (pass > MaxPasses)
            {
                env.Error.WriteLine($"sriov-network-config-daemon apply: the node did not converge after {MaxPasses} passes; still to do: "
                    + string.Join("; ", plan.Actions.Select(x => x.Describe())));
                return 1;
            }

            env.Out.WriteLine(OutputJson.Plan(plan));
            try
            {
                await executor.ExecuteAsync(plan, cancellationToken);
            }
            catch (ApplyException e)
            {
                env.Error.WriteLine("sriov-network-config-daemon apply: " + e.Message);
                return 1;
            }
        }
    }
}
