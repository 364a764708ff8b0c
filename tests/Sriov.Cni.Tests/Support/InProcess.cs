using System.Text;
using Sriov.Cni.Plugin;

namespace Sriov.Cni.Tests.Support;

/// <summary>Runs the plugin's dispatcher in the test process with a given environment and stdin.</summary>
internal static class InProcess
{
    public static CniOutput Run(PluginContext context, IReadOnlyDictionary<string, string> env, string stdin)
    {
        using var stderr = new StringWriter();
        var (stdout, exit) = new CniPlugin(context, stderr).Run(k => env.TryGetValue(k, out var v) ? v : null, Encoding.UTF8.GetBytes(stdin));
        return CniOutput.From(stdout, exit, stderr.ToString());
    }

    public static Dictionary<string, string> Env(string command, string containerId = "ctr1", string ifName = "net1", string netns = "/proc/self/ns/net", string? path = null, string args = "")
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_IFNAME"] = ifName,
            ["CNI_NETNS"] = netns,
            ["CNI_ARGS"] = args,
        };
        if (path is not null)
        {
            env["CNI_PATH"] = path;
        }

        return env;
    }
}
