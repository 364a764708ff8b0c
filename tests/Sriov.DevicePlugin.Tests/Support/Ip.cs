using System.Diagnostics;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>iproute2 for test set-up, and a per-run token for every name a test creates.</summary>
internal static class Ip
{
    /// <summary>A short unique token (5 hex) for this run.</summary>
    public static string Token { get; } = $"{Environment.ProcessId & 0xff:x2}{Random.Shared.Next(0x1000):x3}";

    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"ip {string.Join(' ', args)} exited {p.ExitCode}: {error}");
    }

    public static void TryRun(params string[] args)
    {
        try
        {
            Run(args);
        }
        catch (InvalidOperationException)
        {
            // Clean-up of something already gone.
        }
    }
}
