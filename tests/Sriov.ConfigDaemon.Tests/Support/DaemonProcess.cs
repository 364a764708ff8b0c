using System.Diagnostics;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>The published daemon as a child process (<c>dotnet sriov-network-config-daemon.dll ...</c>), optionally under strace.</summary>
internal static class DaemonProcess
{
    public static string Dll => Path.Join(AppContext.BaseDirectory, "sriov-network-config-daemon.dll");

    /// <summary>Runs the daemon; <paramref name="started"/> gets its PID right after start (e.g. to arm a kill).</summary>
    public static Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string> args, Action<int>? started = null, IEnumerable<string>? strace = null) =>
        RunAsync(StartInfo(args, strace), started);

    /// <summary>Starts a long-running command (<c>start</c>, <c>wait-for-config</c>) with extra environment variables; stdout and stderr go to files.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logFile, IEnumerable<string>? strace = null)
    {
        var psi = StartInfo(args.Append($"2>{logFile}"), strace);
        psi.ArgumentList.RemoveAt(psi.ArgumentList.Count - 1);
        psi.RedirectStandardOutput = false;
        psi.RedirectStandardError = false;
        var shell = new ProcessStartInfo("sh") { UseShellExecute = false };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add("exec \"$@\" >" + logFile + " 2>&1");
        shell.ArgumentList.Add("sh");
        shell.ArgumentList.Add(psi.FileName);
        foreach (var a in psi.ArgumentList)
        {
            shell.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            shell.Environment[k] = v;
        }

        return Process.Start(shell)!;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IEnumerable<string>? strace)
    {
        var psi = new ProcessStartInfo(strace is null ? "dotnet" : "strace")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (strace is not null)
        {
            foreach (var a in new[] { "-f", "-qq", "-o", "/dev/null" }.Concat(strace))
            {
                psi.ArgumentList.Add(a);
            }

            psi.ArgumentList.Add("dotnet");
        }

        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(ProcessStartInfo psi, Action<int>? started)
    {
        using var p = Process.Start(psi)!;
        started?.Invoke(p.Id);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} did not finish in 2 minutes");
        }

        return (p.ExitCode, await stdout, await stderr);
    }
}
