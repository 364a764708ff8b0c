using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Sim.Kubelet;

namespace Sriov.Sim.Tests.Kubelet;

/// <summary>A kubelet emulator in a fresh temporary kubelet directory, and the test plugins started against it.</summary>
public sealed class KubeletHarness : IAsyncDisposable
{
    public const string Resource = "example.com/nics";

    private readonly List<TestDevicePlugin> _plugins = [];

    private KubeletHarness(string root, KubeletEmulator kubelet)
    {
        Root = root;
        Kubelet = kubelet;
    }

    public string Root { get; }

    public KubeletEmulator Kubelet { get; }

    public KubeletEmulatorOptions Options => Kubelet.Options;

    public static async Task<KubeletHarness> StartAsync(TimeSpan? grace = null)
    {
        var root = Directory.CreateTempSubdirectory("sriov-sim-kubelet-").FullName;
        var defaults = KubeletEmulatorOptions.ForRoot(root);
        var kubelet = await KubeletEmulator.StartAsync(new KubeletEmulatorOptions
        {
            DevicePluginDir = defaults.DevicePluginDir,
            PluginsRegistryDir = defaults.PluginsRegistryDir,
            PluginWatcherInterval = TimeSpan.FromMilliseconds(200),
            EndpointStopGracePeriod = grace ?? TimeSpan.FromMinutes(5),
            CallTimeout = TimeSpan.FromSeconds(2),
        });
        return new KubeletHarness(root, kubelet);
    }

    public async Task<TestDevicePlugin> StartPluginAsync(RegistrationMode mode, IEnumerable<string>? devices = null,
        DevicePluginOptions? options = null, string resource = Resource, bool start = true)
    {
        var plugin = new TestDevicePlugin(resource, mode, Options, devices ?? ["dev-a", "dev-b", "dev-c", "dev-d"], options);
        _plugins.Add(plugin);
        if (start)
        {
            await plugin.StartAsync();
        }

        return plugin;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _plugins)
        {
            await p.DisposeAsync();
        }

        await Kubelet.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
