// sriov: the CNI plugin (docs/cni.md). Config JSON on stdin, CNI_* in the environment, the result or a CNI error
// object on stdout, logs to logFile or stderr.
using Sriov.Cni.Journal;
using Sriov.Cni.Plugin;
using Sriov.Host;

// SRIOV_HOST_ROOT and SRIOV_CNI_DIR are for simulation and tests: a simulated node's root, and a state directory.
var hostRoot = Environment.GetEnvironmentVariable("SRIOV_HOST_ROOT");
var root = new HostRoot(string.IsNullOrEmpty(hostRoot) ? "/" : hostRoot, Environment.GetEnvironmentVariable("SRIOV_CNI_DIR"));
var context = new PluginContext { Root = root, Journals = new JournalStore(root.CniState) };

byte[] stdin;
using (var input = Console.OpenStandardInput())
using (var buffer = new MemoryStream())
{
    input.CopyTo(buffer);
    stdin = buffer.ToArray();
}

var (stdout, exitCode) = new CniPlugin(context, Console.Error).Run(Environment.GetEnvironmentVariable, stdin);
using (var output = Console.OpenStandardOutput())
{
    output.Write(stdout);
}

return exitCode;
