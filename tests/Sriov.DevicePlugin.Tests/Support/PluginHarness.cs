using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Sriov.DevicePlugin.Cli;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Watch;
using Sriov.Sim.Kubelet;
using Sriov.Sim.Node;

namespace Sriov.DevicePlugin.Tests.Support;

/// <summary>
/// A serving device plugin against a simulated node and the kubelet emulator, all in one temporary directory: the
/// kubelet's directories, the config as a ConfigMap volume lays it out (<c>config.json → ..data/config.json</c>,
/// <c>..data → ..&lt;n&gt;</c>, swapped on update), the device-info and CDI directories.
/// </summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private int _configVersion;

    private PluginHarness(string dir, SimNode node, KubeletEmulator kubelet, PluginOptions options)
    {
        Dir = dir;
        Node = node;
        Kubelet = kubelet;
        Options = options;
    }

    public string Dir { get; }

    public SimNode Node { get; }

    public KubeletEmulator Kubelet { get; }

    public PluginOptions Options { get; private set; }

    public PluginHost? Host { get; private set; }

    public ListLogger Log { get; } = new();

    public static readonly PluginTimings FastTimings = new()
    {
        Resync = TimeSpan.FromMilliseconds(300),
        Debounce = TimeSpan.FromMilliseconds(50),
        KubeletCheck = TimeSpan.FromMilliseconds(100),
        RegisterTimeout = TimeSpan.FromSeconds(3),
        RegisterBackoffMax = TimeSpan.FromSeconds(1),
    };

    /// <summary>Creates everything; the plugin itself starts with <see cref="StartPluginAsync"/>.</summary>
    public static async Task<PluginHarness> CreateAsync(SimNode node, string config, RegistrationMode mode, bool useCdi = false,
        Func<PluginOptions, PluginOptions>? change = null)
    {
        var dir = Directory.CreateTempSubdirectory("dp-plugin-").FullName;
        var kubeletDir = Path.Join(dir, "kubelet");
        var devicePlugins = Path.Join(kubeletDir, "device-plugins");
        var registry = Path.Join(kubeletDir, "plugins_registry");
        Directory.CreateDirectory(devicePlugins);
        if (mode == RegistrationMode.PluginWatcher)
        {
            Directory.CreateDirectory(registry);
        }

        KubeletEmulator? kubelet = null;
        try
        {
            kubelet = await KubeletEmulator.StartAsync(new KubeletEmulatorOptions
            {
                DevicePluginDir = devicePlugins,
                PluginsRegistryDir = mode == RegistrationMode.PluginWatcher ? registry : null,
                PluginWatcherInterval = TimeSpan.FromMilliseconds(200),
                CallTimeout = TimeSpan.FromSeconds(3),
            });
            var options = new PluginOptions
            {
                ConfigFile = Path.Join(dir, "pcidp", "config.json"),
                HostRoot = node.Root.Path,
                DevicePluginDir = devicePlugins,
                PluginsRegistryDir = registry,
                CdiDir = Path.Join(dir, "cdi"),
                DevInfoDir = Path.Join(dir, "devinfo", "dp"),
                UseCdi = useCdi,
            };
            var harness = new PluginHarness(dir, node, kubelet, change?.Invoke(options) ?? options);
            harness.WriteConfig(config);
            return harness;
        }
        catch
        {
            if (kubelet is not null)
            {
                await kubelet.DisposeAsync();
            }

            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async Task<PluginHost> StartPluginAsync(PluginTimings? timings = null)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(Log).SetMinimumLevel(LogLevel.Debug));
        Host = await PluginHost.StartAsync(Options, loggers, timings ?? FastTimings, routes: new NoDefaultRoutes());
        return Host;
    }

    /// <summary>Writes the config the way the kubelet updates a ConfigMap volume: a new timestamped directory, a new
    /// <c>..data</c> link renamed over the old one, the old directory removed.</summary>
    public void WriteConfig(string json)
    {
        var volume = Path.GetDirectoryName(Options.ConfigFile)!;
        Directory.CreateDirectory(volume);
        var version = ".." + Interlocked.Increment(ref _configVersion);
        Directory.CreateDirectory(Path.Join(volume, version));
        File.WriteAllText(Path.Join(volume, version, "config.json"), json);
        var data = Path.Join(volume, "..data");
        var old = File.Exists(data) || Directory.Exists(data) ? new FileInfo(data).LinkTarget : null;
        var temp = Path.Join(volume, "..data_tmp");
        File.CreateSymbolicLink(temp, version);
        // rename(2) over the old link, as the kubelet's atomic writer does (File.Move refuses a link to a directory).
        if (Rename(temp, data) != 0)
        {
            throw new IOException($"rename {temp} {data} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        if (!File.Exists(Options.ConfigFile) && new FileInfo(Options.ConfigFile).LinkTarget is null)
        {
            File.CreateSymbolicLink(Options.ConfigFile, "..data/config.json");
        }

        if (old is not null)
        {
            Directory.Delete(Path.Join(volume, old), recursive: true);
        }
    }

    public static string Resource(string name) => "intel.com/" + name;

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Kubelet.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
