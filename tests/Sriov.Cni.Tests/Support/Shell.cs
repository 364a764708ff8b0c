using System.Diagnostics;

namespace Sriov.Cni.Tests.Support;

/// <summary>Runs a command from the test's own thread (in the host netns) and captures its output.</summary>
internal static class Shell
{
    public static (int Exit, string Out, string Err) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public static string Check(string file, params string[] args)
    {
        var (exit, output, error) = Run(file, args);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {exit}: {error}");
    }

    public static string Ip(params string[] args) => Check("ip", args);
}
