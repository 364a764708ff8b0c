using System.Diagnostics;

namespace Sriov.Host.Tests.Sysfs;

/// <summary>Runs <c>sriov-sim</c> (the test's own copy) in a child process under strace with the given strace options.</summary>
internal static class SimUnderStrace
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> straceOptions, string simArguments)
    {
        var psi = new ProcessStartInfo("strace")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in straceOptions.Concat(["dotnet", Path.Join(AppContext.BaseDirectory, "sriov-sim.dll")]).Concat(simArguments.Split(' ')))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, stderr);
    }
}
