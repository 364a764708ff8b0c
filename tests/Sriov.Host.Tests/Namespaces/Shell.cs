using System.Diagnostics;

namespace Sriov.Host.Tests.Namespaces;

/// <summary>Runs a command (always from the test's own thread, in the host namespace) and captures its output.</summary>
internal static class Shell
{
    public static (int Exit, string Out, string Err) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Run(start);
    }

    public static (int Exit, string Out, string Err) Run(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public static string Check(string file, params string[] args)
    {
        var (exit, output, error) = Run(file, args);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {exit}: {error}");
        }

        return output;
    }
}
