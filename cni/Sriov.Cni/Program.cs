// sriov: the CNI plugin (docs/cni.md). Config JSON on stdin, CNI_* in the environment, the result or a CNI error
// object on stdout, logs to logFile or stderr.
using System.Text;
using Sriov.Cni.Journal;
using Sriov.Cni.Plugin;
using Sriov.Cni.Skel;
using Sriov.Host;

// SRIOV_HOST_ROOT and SRIOV_CNI_DIR are for simulation and tests: a simulated node's root, and a state directory.
var hostRoot = Environment.GetEnvironmentVariable("SRIOV_HOST_ROOT");
var root = new HostRoot(string.IsNullOrEmpty(hostRoot) ? "/" : hostRoot, Environment.GetEnvironmentVariable("SRIOV_CNI_DIR"));
var context = new PluginContext { Root = root, Journals = new JournalStore(root.CniState) };

// The standard descriptors through plain read/write (StdioStream), not the Console streams.
byte[]? stdin = null;
string? readError = null;
try
{
    using var input = new StdioStream(0);
    using var buffer = new MemoryStream();

    // Configs are small: a page at a time, not Stream.CopyTo's 80 KiB buffer.
    Span<byte> chunk = stackalloc byte[4096];
    for (int n; (n = input.Read(chunk)) > 0;)
    {
        buffer.Write(chunk[..n]);
    }

    stdin = buffer.ToArray();
}
catch (IOException e)
{
    readError = e.Message;
}

using var stderr = new StreamWriter(new StdioStream(2), new UTF8Encoding(false), 1024)
{
    AutoFlush = true,
};
var (stdout, exitCode) = stdin is null
    ? (CniPlugin.ErrorAnswer(null, CniErrorCode.IoFailure, $"cannot read the network configuration from stdin: {readError}", null), 1)
    : new CniPlugin(context, stderr).Run(Environment.GetEnvironmentVariable, stdin);
using (var output = new StdioStream(1))
{
    output.Write(stdout);
}

return exitCode;
