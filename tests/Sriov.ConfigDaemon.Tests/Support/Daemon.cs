using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sriov.Api.Json;
using Sriov.Api.NodeStates;
using Sriov.Api.SupportedNics;
using Sriov.ConfigDaemon.Commands;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>Runs the daemon's commands in-process against a simulated node's seams.</summary>
internal static class Daemon
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(SimHost sim, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CommandEnvironment((_, _) => sim.Host, SupportedNicList.BuiltIn, DevMode: false, NullLoggerFactory.Instance, stdout, stderr);
        var code = await DaemonMain.RunAsync(args, env, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a node state with <paramref name="spec"/> to a temporary JSON file and returns its path.</summary>
    public static string StateFile(SriovNetworkNodeStateSpec spec)
    {
        var state = new SriovNetworkNodeState { Metadata = new() { Name = "worker-0", NamespaceProperty = "sriov-network-operator" }, Spec = spec };
        var path = Path.Join(Path.GetTempPath(), $"nodestate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(state, SriovJsonContext.Default.SriovNetworkNodeState));
        return path;
    }

    /// <summary><c>apply</c> of <paramref name="spec"/> on the node.</summary>
    public static async Task<(int Code, string Out, string Err)> ApplyAsync(SimHost sim, SriovNetworkNodeStateSpec spec)
    {
        var file = StateFile(spec);
        try
        {
            return await RunAsync(sim, "apply", "--node-state", file, "--host-root", sim.Node.Root.Path);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary><c>plan</c> of <paramref name="spec"/>, parsed.</summary>
    public static async Task<JsonDocument> PlanAsync(SimHost sim, SriovNetworkNodeStateSpec spec)
    {
        var file = StateFile(spec);
        try
        {
            var (_, stdout, _) = await RunAsync(sim, "plan", "--node-state", file, "--host-root", sim.Node.Root.Path);
            return JsonDocument.Parse(stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
