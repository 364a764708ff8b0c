using System.Diagnostics;

namespace Sriov.Sim.Tests.RealKernel.Harness;

/// <summary>Runs a script with the host's bash and returns its stdout; fails the test when bash fails.</summary>
internal static class HostBash
{
    public static string Run(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash exited {bash.ExitCode}: {error}");
        return output.Result;
    }
}
