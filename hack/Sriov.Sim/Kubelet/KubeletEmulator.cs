using Microsoft.Extensions.Logging;
using Sriov.Kubelet;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// The kubelet's device manager and plugin watcher, emulated for tests and the local simulated cluster. It serves
/// <c>Registration</c> on <c>kubelet.sock</c> in <see cref="KubeletEmulatorOptions.DevicePluginDir"/>, discovers
/// plugin sockets in <see cref="KubeletEmulatorOptions.PluginsRegistryDir"/> (GetInfo, NotifyRegistrationStatus),
/// dials each registered plugin, keeps capacity and allocatable from ListAndWatch, allocates devices to named pods
/// (GetPreferredAllocation when offered, then Allocate, then PreStartContainer when required), and can restart like a
/// kubelet: directory cleaned, <c>kubelet.sock</c> re-created, plugins expected to register again.
/// </summary>
public sealed class KubeletEmulator : IAsyncDisposable
{
    private readonly ResourceTable _table = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ILogger _logger;
    private readonly PluginRegistrar _registrar;
    private readonly DeviceAllocator _allocator;
    private RegistrationServer? _server;
    private PluginWatcher? _watcher;

    private KubeletEmulator(KubeletEmulatorOptions options)
    {
        Options = options;
        _logger = options.LoggerFactory.CreateLogger<KubeletEmulator>();
        _registrar = new PluginRegistrar(_table, options, _logger);
        _allocator = new DeviceAllocator(_table, options.CallTimeout);
    }

    public KubeletEmulatorOptions Options { get; }

    /// <summary>Path of <c>kubelet.sock</c>.</summary>
    public string KubeletSocketPath => Path.Combine(Options.DevicePluginDir, KubeletPaths.KubeletSocketName);

    /// <summary>The registered resources by name.</summary>
    public IReadOnlyDictionary<string, DeviceResource> Resources => _table.Snapshot();

    /// <summary>The current allocations (kept across restarts, as the kubelet's checkpoint keeps them).</summary>
    public IReadOnlyList<ContainerAllocation> Allocations => _table.Allocations();

    /// <summary>Every registration attempt so far, accepted or refused.</summary>
    public IReadOnlyList<RegistrationRecord> Registrations => _table.Registrations();

    /// <summary>Cleans the device-plugins directory, serves <c>kubelet.sock</c> and starts the plugin watcher.</summary>
    public static async Task<KubeletEmulator> StartAsync(KubeletEmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kubelet = new KubeletEmulator(options);
        try
        {
            await kubelet.StartServingAsync(ct);
            return kubelet;
        }
        catch
        {
            await kubelet.DisposeAsync();
            throw;
        }
    }

    public DeviceResource? GetResource(string resourceName) =>
        _table.Snapshot().TryGetValue(resourceName, out var r) ? r : null;

    /// <summary>Waits until <paramref name="resourceName"/> exists and satisfies <paramref name="condition"/>.</summary>
    public async Task<DeviceResource> WaitForResourceAsync(string resourceName, Func<DeviceResource, bool> condition,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        DeviceResource? found = null;
        await WaitUntilAsync(() => (found = GetResource(resourceName)) is { } r && condition(r), timeout,
            () => $"resource {resourceName} did not reach the expected state; now: " +
                  (GetResource(resourceName) is { } r ? Describe(r) : "not registered"), ct);
        return found!;
    }

    /// <summary>Waits until a registration attempt matching <paramref name="match"/> has happened.</summary>
    public async Task<RegistrationRecord> WaitForRegistrationAsync(Func<RegistrationRecord, bool> match,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        RegistrationRecord? found = null;
        await WaitUntilAsync(() => (found = Registrations.FirstOrDefault(match)) is not null, timeout,
            () => "no matching registration; attempts so far: " +
                  string.Join("; ", Registrations.Select(r => $"{r.Mode} {r.ResourceName} {r.Error ?? "accepted"}")), ct);
        return found!;
    }

    /// <summary>
    /// Allocates <paramref name="count"/> devices of <paramref name="resourceName"/> to a container, as the kubelet
    /// does when it admits a pod: the plugin's preferred devices first (when it offers GetPreferredAllocation), then
    /// Allocate with the chosen IDs, then PreStartContainer when the plugin asks for it. Asking again for the same pod,
    /// container and resource returns the existing allocation. Throws <see cref="KubeletAllocationException"/> with the
    /// reason on failure.
    /// </summary>
    public Task<ContainerAllocation> AllocateAsync(string pod, string container, string resourceName, int count,
        CancellationToken ct = default) => _allocator.AllocateAsync(pod, container, resourceName, count, ct);

    /// <summary>Frees every device allocated to <paramref name="pod"/> (the pod is gone); returns how many container
    /// allocations were released.</summary>
    public int Release(string pod) => _table.Release(pod);

    /// <summary>
    /// Restarts like a kubelet: stops serving, forgets the plugin connections (every resource drops to capacity 0 until
    /// its plugin registers again; allocations are kept), deletes every file of the device-plugins directory except the
    /// checkpoint (plugins' sockets included), serves a new <c>kubelet.sock</c>, and rescans the plugins registry.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            KubeletLog.Restarting(_logger, Options.DevicePluginDir);
            _registrar.Restarted();
            await StopServingAsync();
            await StartServingAsync(ct);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServingAsync();
        foreach (var connection in _table.Connections())
        {
            await connection.DisposeAsync();
        }

        _lifecycle.Dispose();
    }

    private static string Describe(DeviceResource r) =>
        $"connected={r.Connected} capacity={r.Capacity} allocatable={r.Allocatable} updates={r.ListAndWatchUpdates} " +
        $"devices=[{string.Join(", ", r.Devices.Select(d => $"{d.Id}:{d.Health}"))}]";


    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout, Func<string> describe,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            // Take the change signal before checking, so a change between the check and the wait is not missed.
            var next = _table.NextChange();
            if (condition())
            {
                return;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(describe());
            }

            try
            {
                await next.WaitAsync(remaining, ct);
            }
            catch (TimeoutException)
            {
                // Checked once more at the top, then reported.
            }
        }
    }

    private async Task StartServingAsync(CancellationToken ct)
    {
        SocketFiles.CleanDevicePluginDir(Options.DevicePluginDir);
        _server = await RegistrationServer.StartAsync(KubeletSocketPath, new RegistrationService(_registrar.RegisterAsync), ct);
        if (Options.PluginsRegistryDir is { } registry)
        {
            _watcher = new PluginWatcher(registry, Options.PluginWatcherInterval, _registrar.DiscoveredAsync,
                _registrar.VanishedAsync);
            _watcher.Start();
        }
    }

    private async Task StopServingAsync()
    {
        if (_watcher is not null)
        {
            await _watcher.DisposeAsync();
            _watcher = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        foreach (var connection in _table.ResetForRestart(Options.EndpointStopGracePeriod))
        {
            await connection.DisposeAsync();
        }
    }

}
