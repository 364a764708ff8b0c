using System.Diagnostics;

namespace Sriov.ConfigDaemon.Tests.Support;

/// <summary>The published daemon as a child process (<c>dotnet sriov-network-config-daemon.dll ...</c>), optionally under strace.</summary>
internal static class DaemonProcess
{
    public static string Dll => Path.Join(AppContext.BaseDirectory, "sriov-network-config-daemon.dll");

    /// <summary>Runs the daemon; <paramref name="started"/> gets its PID right after start (e.g. to arm a kill).</summary>
    public static Task<(int Code, string Out, string Err)> RunAsync(IEnumerable<string> args, Action<int>? started = null, IEnumerable<string>? strace = null)
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

        return RunAsync(psi, started);
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
