using System.Diagnostics;
using System.Globalization;

namespace Sriov.Bench.DevicePlugin;

/// <summary>The published device plugin running as a child process in plugin-watcher mode, in a temporary directory.</summary>
internal sealed class PluginProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PluginProcess(Process process, string dir)
    {
        _process = process;
        Dir = dir;
    }

    public string Dir { get; }

    public string Registry => Path.Join(Dir, "plugins_registry");

    public int Pid => _process.Id;

    /// <summary>Starts <paramref name="binary"/> on <paramref name="hostRoot"/> with <paramref name="config"/>; the
    /// device-info directory is on tmpfs (/dev/shm), as /var/run is on a node.</summary>
    public static async Task<PluginProcess> StartAsync(string binary, string hostRoot, string config, string firstSocket)
    {
        var dir = Directory.CreateTempSubdirectory("sriov-bench-dp-").FullName;
        Directory.CreateDirectory(Path.Join(dir, "plugins_registry"));
        File.WriteAllText(Path.Join(dir, "config.json"), config);
        var devinfo = Path.Join("/dev/shm", "sriov-bench-devinfo-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                "--config-file", Path.Join(dir, "config.json"), "--host-root", hostRoot, "--plugins-registry-dir", Path.Join(dir, "plugins_registry"),
                "--device-plugin-dir", Path.Join(dir, "device-plugins"), "--devinfo-dir", devinfo,
            },
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var plugin = new PluginProcess(process, dir);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Path.Join(plugin.Registry, firstSocket)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await plugin.DisposeAsync();
                throw new InvalidOperationException($"{binary} did not serve {firstSocket} (exit {(process.HasExited ? process.ExitCode : -1)})");
            }

            await Task.Delay(20);
        }

        return plugin;
    }

    /// <summary>VmRSS and VmHWM of the process, in KiB.</summary>
    public (long Rss, long Peak) Memory() => (Field("status", "VmRSS:"), Field("status", "VmHWM:"));

    /// <summary>The anonymous part of the RSS (heap, stacks), in KiB; the rest is mapped files (the binary's code and data).</summary>
    public long Anonymous() => Field("smaps_rollup", "Anonymous:");

    private long Field(string file, string name)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/{file}"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return Kib(line);
            }
        }

        return 0;
    }

    private static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the plugin removes its sockets and files.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
