using Microsoft.Extensions.Logging;
using Sriov.DevicePlugin.Allocation;
using Sriov.DevicePlugin.Cli;
using Sriov.DevicePlugin.Config;
using Sriov.DevicePlugin.Discovery;
using Sriov.DevicePlugin.Health;
using Sriov.DevicePlugin.Pools;
using Sriov.DevicePlugin.Server;
using Sriov.Host;
using Sriov.Host.Ownership;

namespace Sriov.DevicePlugin.Watch;

/// <summary>
/// The serving device plugin: loads the config, discovers, serves one socket per pool, registers with the kubelet, and
/// then runs one loop that owns all state and reacts to (a) config and marker changes (inotify, debounced), (b) PF link
/// events (health only), (c) the kubelet's socket directory (a restarted kubelet is served and registered again), and
/// (d) a periodic resync that rediscovers PCI changes, which sysfs cannot signal.
/// </summary>
internal sealed partial class PluginHost : IAsyncDisposable
{
    private readonly PluginOptions _options;
    private readonly PluginTimings _timings;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PoolDiscovery _discovery;
    private readonly Wakeup _wakeup = new();
    private readonly Dictionary<string, PoolSlot> _slots = new(StringComparer.Ordinal);
    private readonly DeviceInfoWriter _deviceInfo;
    private readonly CdiSpecWriter? _cdi;
    private readonly KubeletRegistrar _registrar;
    private readonly LinkTracker? _links;
    private readonly List<DirectoryWatch> _watches = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _reportedExclusions = new(StringComparer.Ordinal);
    private PoolConfig _config;
    private string _configText;
    private string? _rejected;
    private HealthFacts _facts;
    private DateTime? _kubeletStamp;
    private bool _linkFailureLogged;
    private Task? _loop;
    private int _rediscoveries;

    private PluginHost(PluginOptions options, PluginTimings timings, ILoggerFactory loggers, TimeProvider time,
        IDefaultRoutes routes, PoolConfig config, string configText)
    {
        _options = options;
        _timings = timings;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Sriov.DevicePlugin");
        _time = time;
        _config = config;
        _configText = configText;
        _facts = new HealthFacts(new HashSet<string>(), new Dictionary<string, LinkState>(), options.HealthLink);
        var root = new HostRoot(options.HostRoot);
        _discovery = new PoolDiscovery(new HostScanner(root, routes, new DdptoolProfiles()));
        _deviceInfo = new DeviceInfoWriter(options.DevInfoDir);
        _cdi = options.UseCdi ? new CdiSpecWriter(options.CdiDir) : null;
        _registrar = new KubeletRegistrar(options.DevicePluginDir, timings.RegisterTimeout);
        _links = options.HealthLink ? new LinkTracker(_wakeup) : null;

        // Upstream's detection: plugin-watcher mode when the kubelet's plugins_registry directory exists.
        Mode = Directory.Exists(options.PluginsRegistryDir) ? PluginMode.PluginWatcher : PluginMode.KubeletSocket;
        SocketDirectory = Mode == PluginMode.PluginWatcher ? options.PluginsRegistryDir : options.DevicePluginDir;
        // The config file itself, or a ConfigMap volume's "..data" link and "..<timestamp>" directories.
        var configName = Path.GetFileName(options.ConfigFile);
        _watches.Add(new DirectoryWatch(Path.GetDirectoryName(Path.GetFullPath(options.ConfigFile))!, _wakeup, WakeReason.Rediscover,
            name => name == configName || name.StartsWith("..", StringComparison.Ordinal)));
        _watches.Add(new DirectoryWatch(ReconfiguringMarker.DirectoryFor(root), _wakeup, WakeReason.Rediscover));
        _watches.Add(new DirectoryWatch(SocketDirectory, _wakeup, WakeReason.Kubelet));
    }

    public PluginMode Mode { get; }

    public string SocketDirectory { get; }

    /// <summary>How many rediscoveries have completed.</summary>
    public int Rediscoveries => Volatile.Read(ref _rediscoveries);

    /// <summary>Loads the config (an invalid one throws <see cref="ConfigException"/>), discovers, serves and registers,
    /// and starts the watcher loop.</summary>
    public static async Task<PluginHost> StartAsync(PluginOptions options, ILoggerFactory loggers, PluginTimings? timings = null,
        TimeProvider? time = null, IDefaultRoutes? routes = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var (config, text) = ConfigLoader.Load(options.ConfigFile, options.ResourcePrefix);
        var host = new PluginHost(options, timings ?? new PluginTimings(), loggers, time ?? TimeProvider.System,
            routes ?? new NetlinkDefaultRoutes(), config, text);
        try
        {
            await host.StartCoreAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        HostLog.Starting(_logger, Mode == PluginMode.PluginWatcher ? "plugin-watcher" : "kubelet-socket", SocketDirectory, _options.ConfigFile, _options.HostRoot);
        foreach (var warning in _config.Warnings)
        {
            HostLog.ConfigWarning(_logger, warning);
        }

        // Upstream removes every spec it may have left before building pools.
        _cdi?.RemoveAll();
        Directory.CreateDirectory(SocketDirectory);
        if (Mode == PluginMode.PluginWatcher)
        {
            var configured = _config.Pools.Select(p => p.SocketName).ToHashSet(StringComparer.Ordinal);
            foreach (var name in StaleSockets.Remove(SocketDirectory, configured))
            {
                HostLog.StaleSocketRemoved(_logger, Path.Join(SocketDirectory, name));
            }
        }

        _links?.Start();
        foreach (var watch in _watches)
        {
            watch.EnsureStarted();
        }

        _kubeletStamp = _registrar.KubeletStamp;
        await RediscoverAsync(reloadConfig: false, ct);
        await RegisterPendingAsync(ct);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var watch in _watches)
        {
            watch.Dispose();
        }

        if (_links is not null)
        {
            await _links.DisposeAsync();
        }

        foreach (var slot in _slots.Values.ToList())
        {
            await RemoveAsync(slot, log: false);
        }

        _slots.Clear();
        _cdi?.RemoveAll();
        _wakeup.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        var nextResync = _time.GetUtcNow() + _timings.Resync;
        var nextKubelet = _time.GetUtcNow() + _timings.KubeletCheck;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var now = _time.GetUtcNow();
                var wait = Min(nextResync, nextKubelet, NextRegistration()) - now;
                var reasons = await _wakeup.WaitAsync(wait, token);
                if (reasons.HasFlag(WakeReason.Rediscover))
                {
                    // Gather the rest of a burst (a ConfigMap update is a create, a rename and a delete).
                    await Task.Delay(_timings.Debounce, _time, token);
                    reasons |= _wakeup.Take();
                }

                now = _time.GetUtcNow();
                if (reasons.HasFlag(WakeReason.Rediscover) || now >= nextResync)
                {
                    await RediscoverAsync(reloadConfig: true, token);
                    nextResync = _time.GetUtcNow() + _timings.Resync;
                }
                else if (reasons.HasFlag(WakeReason.Health))
                {
                    ReevaluateHealth();
                }

                if (reasons.HasFlag(WakeReason.Kubelet) || now >= nextKubelet)
                {
                    await CheckSocketsAsync(token);
                    nextKubelet = _time.GetUtcNow() + _timings.KubeletCheck;
                }

                await RegisterPendingAsync(token);
                foreach (var watch in _watches)
                {
                    watch.EnsureStarted();
                }

                if (_links?.Failure is { } failure && !_linkFailureLogged)
                {
                    _linkFailureLogged = true;
                    HostLog.LinkEventsFailed(_logger, failure);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Grpc.Core.RpcException)
            {
                // One bad round must not stop the plugin: log and go on; the next round retries.
                HostLog.RediscoveryFailed(_logger, e.Message);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
        a < b ? (a < c ? a : c) : (b < c ? b : c);
}
