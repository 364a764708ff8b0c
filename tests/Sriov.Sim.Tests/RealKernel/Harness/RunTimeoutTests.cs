using System.Diagnostics;
using Sriov.Sim.RealKernel;

namespace Sriov.Sim.Tests.RealKernel.Harness;

/// <summary>
/// run.sh bounds the whole boot: a guest whose step never ends is killed at <c>--timeout</c>, run.sh exits 124 (as
/// its usage says), and no process of the run (timeout, qemu.sh, QEMU) survives it. Boots its own guest, in a
/// machine-wide slot like every boot.
/// </summary>
[Trait("Category", "RealKernel")]
public sealed class RunTimeoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rk-run-timeout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_run_over_its_timeout_exits_124_and_leaves_no_process_of_the_run()
    {
        var paths = RealKernelPaths.Discover();
        var script = Path.Combine(_dir, "sleep.sh");
        File.WriteAllText(script, "sleep 600\n");

        // 15 s: past the boot (~10 s), inside the step. At 20 s or less run.sh gives the step the whole budget, so the
        // guest never powers off by itself and only run.sh's own timeout can end the run.
        using var slot = await GuestSlots.AcquireAsync(CancellationToken.None);
        var info = new ProcessStartInfo(Path.Combine(paths.ScriptsDirectory, "run.sh"), ["--script", script, "--timeout", "15"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var run = Process.Start(info)!;
        var runDirectory = Path.Combine(paths.RunsDirectory, $"script-{run.Id}-");
        try
        {
            var stdout = run.StandardOutput.ReadToEndAsync();
            var stderr = run.StandardError.ReadToEndAsync();
            await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

            Assert.True(run.ExitCode == 124, $"exit {run.ExitCode}\n{await stdout}\n{await stderr}");
            Assert.Contains("realkernel: the guest did not power off within 15 s; QEMU was killed", await stderr, StringComparison.Ordinal);
            Assert.Empty(ProcessesMentioning(runDirectory));
            Assert.Empty(Directory.GetDirectories(paths.RunsDirectory, Path.GetFileName(runDirectory) + "*"));
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Every process whose command line contains <paramref name="text"/> (QEMU's names the run directory).</summary>
    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {cmdline}");
                }
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
        }

        return found;
    }
}
