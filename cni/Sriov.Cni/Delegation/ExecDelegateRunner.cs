using System.Diagnostics;
using System.Text.Json;

namespace Sriov.Cni.Delegation;

/// <summary>
/// Execs a delegate as the CNI spec describes: the binary named by <c>type</c> in the first CNI_PATH directory that has
/// it, our environment with the CNI_* variables of the request, the complete config on stdin, its stdout read back, its
/// stderr passed through to ours. Called only from the main thread, which never enters another namespace, so the child
/// starts in the host's network namespace (a child inherits its creating thread's namespaces).
/// </summary>
internal sealed class ExecDelegateRunner : IDelegateRunner
{
    public byte[] Run(DelegateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var binary = Find(request.Type, request.Path);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["CNI_COMMAND"] = request.Command;
        env["CNI_CONTAINERID"] = request.ContainerId;
        env["CNI_NETNS"] = request.Netns;
        env["CNI_IFNAME"] = request.IfName;
        env["CNI_ARGS"] = request.Args;
        env["CNI_PATH"] = string.Join(':', request.Path);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new DelegateException($"start {request.Type} ({binary}): {e.Message}");
        }

        byte[] output;
        using (var stdout = new MemoryStream())
        {
            try
            {
                process.StandardInput.BaseStream.Write(request.Stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The delegate exited without reading stdin; its exit status and output tell why.
            }

            process.StandardOutput.BaseStream.CopyTo(stdout);
            process.WaitForExit();
            output = stdout.ToArray();
        }

        if (process.ExitCode == 0)
        {
            return output;
        }

        var (code, msg, details) = ParseError(output);
        throw new DelegateException(
            msg is null
                ? $"{request.Type} {request.Command} exited with status {process.ExitCode}"
                : $"{request.Type} {request.Command} failed: {msg}",
            code,
            details);
    }

    /// <summary>The first CNI_PATH entry holding an executable <paramref name="type"/>; types never contain a '/'.</summary>
    public static string Find(string type, IReadOnlyList<string> path)
    {
        if (string.IsNullOrEmpty(type) || type.Contains('/', StringComparison.Ordinal) || type is "." or "..")
        {
            throw new DelegateException($"plugin type \"{type}\" is not a plugin name");
        }

        foreach (var dir in path)
        {
            var candidate = Path.Join(dir, type);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DelegateException($"failed to find plugin \"{type}\" in path [{string.Join(" ", path)}]");
    }

    private static (int Code, string? Msg, string? Details) ParseError(byte[] output)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (0, null, null);
            }

            var code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var msg = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (code, msg, details);
        }
        catch (JsonException)
        {
            return (0, null, null);
        }
    }
}
