using System.Text.Json.Nodes;
using Sriov.DevicePlugin.Cli;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>Runs the <c>discover</c> command in-process against a host root with a config text.</summary>
internal static class Discover
{
    public static (int Exit, string Stdout, string Stderr) Run(string root, string config, params string[] extra)
    {
        var file = Path.Join(root, "dp-config-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(file, config);
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = DiscoverCommand.Run(["--config-file", file, "--host-root", root, .. extra], stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The resources array of a successful run.</summary>
    public static JsonArray Resources(string root, string config, params string[] extra)
    {
        var (exit, stdout, stderr) = Run(root, config, extra);
        Assert.True(exit == 0, $"discover exited {exit}: {stderr}");
        return JsonNode.Parse(stdout)!["resources"]!.AsArray();
    }

    public static JsonArray Devices(JsonArray resources, int index) => resources[index]!["devices"]!.AsArray();

    public static IReadOnlyList<string> Ids(JsonArray resources, int index) =>
        [.. Devices(resources, index).Select(d => (string)d!["id"]!)];
}
