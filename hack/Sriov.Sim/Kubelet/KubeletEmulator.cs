using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Kubelet.PluginRegistration.V1;
using WatcherRegistration = Sriov.Kubelet.PluginRegistration.V1.Registration;

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
    private readonly Dictionary<string, PluginConnection> _watcherSockets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly ILogger _logger;
    private RegistrationServer? _server;
    private PluginWatcher? _watcher;
    private int _generation;

    private KubeletEmulator(KubeletEmulatorOptions options)
    {
        Options = options;
        _logger = options.LoggerFactory.CreateLogger<KubeletEmulator>();
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
    /// Allocate with the chosen IDs. Asking again for the same pod, container and resource returns the existing
    /// allocation. Throws <see cref="KubeletAllocationException"/> with the reason on failure.
    /// </summary>
    public async Task<ContainerAllocation> AllocateAsync(string pod, string container, string resourceName, int count,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pod);
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (existing, state, available) = _table.Prepare(pod, container, resourceName);
        if (existing is not null)
        {
            return existing;
        }

        var plugin = _table.Connection(resourceName)
                     ?? throw new KubeletAllocationException($"the device plugin of {resourceName} is not connected");
        IReadOnlyList<string>? preferred = null;
        if (state.GetPreferredAllocationAvailable)
        {
            var answer = await Call(resourceName, "GetPreferredAllocation", () => plugin.Client.GetPreferredAllocationAsync(
                new PreferredAllocationRequest
                {
                    ContainerRequests = { new ContainerPreferredAllocationRequest { AvailableDeviceIDs = { available }, AllocationSize = count } },
                }, deadline: Deadline, cancellationToken: ct).ResponseAsync);
            preferred = answer.ContainerResponses.FirstOrDefault()?.DeviceIDs;
        }

        IReadOnlyList<string> chosen;
        try
        {
            chosen = DeviceChooser.Choose(available, preferred, count);
        }
        catch (KubeletAllocationException e)
        {
            throw new KubeletAllocationException($"{resourceName}: {e.Message}", e);
        }

        if (!_table.Reserve(resourceName, chosen))
        {
            throw new KubeletAllocationException($"{resourceName}: devices were allocated concurrently; retry");
        }

        ContainerAllocation? allocation = null;
        try
        {
            var response = await Call(resourceName, "Allocate", () => plugin.Client.AllocateAsync(
                new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { chosen } } } },
                deadline: Deadline, cancellationToken: ct).ResponseAsync);
            if (response.ContainerResponses.Count != 1)
            {
                throw new KubeletAllocationException(
                    $"{resourceName}: AllocateResponse has {response.ContainerResponses.Count} container responses for 1 request");
            }

            if (state.PreStartRequired)
            {
                await Call(resourceName, "PreStartContainer", () => plugin.Client.PreStartContainerAsync(
                    new PreStartContainerRequest { DevicesIds = { chosen } }, deadline: Deadline, cancellationToken: ct).ResponseAsync);
            }

            allocation = new ContainerAllocation(pod, container, resourceName, chosen, response.ContainerResponses[0],
                state.GetPreferredAllocationAvailable);
            return allocation;
        }
        finally
        {
            _table.Complete(resourceName, chosen, allocation);
        }
    }

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
            Interlocked.Increment(ref _generation);
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

    private DateTime Deadline => DateTime.UtcNow + Options.CallTimeout;

    private static async Task<T> Call<T>(string resource, string rpc, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            throw new KubeletAllocationException(
                $"device plugin {resource} failed {rpc}: {e.Status.StatusCode} {e.Status.Detail}", e);
        }
    }

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
        _server = await RegistrationServer.StartAsync(KubeletSocketPath, new RegistrationService(RegisterAsync), ct);
        if (Options.PluginsRegistryDir is { } registry)
        {
            _watcher = new PluginWatcher(registry, Options.PluginWatcherInterval, DiscoveredAsync, VanishedAsync);
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

        lock (_watcherSockets)
        {
            _watcherSockets.Clear();
        }
    }

    // v1beta1.Registration/Register: the kubelet checks the version and the name, dials the plugin (relative to its
    // device-plugins directory) and only then answers, so a plugin must serve before it registers.
    private async Task RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        var generation = Volatile.Read(ref _generation);
        var endpoint = Path.Combine(Options.DevicePluginDir, request.Endpoint);
        var error = !DevicePluginApi.SupportedVersions.Contains(request.Version)
            ? $"requested API version \"{request.Version}\" is not supported by kubelet. Supported versions are " +
              $"[{string.Join(" ", DevicePluginApi.SupportedVersions.Select(v => $"\"{v}\""))}]"
            : ExtendedResourceName.Validate(request.ResourceName) is { } nameError
                ? $"the ResourceName \"{request.ResourceName}\" is invalid: {nameError}"
                : null;
        if (error is null)
        {
            try
            {
                var connection = await PluginConnection.ConnectAsync(request.ResourceName, endpoint, Options.CallTimeout, ct);
                if (generation != Volatile.Read(ref _generation))
                {
                    await connection.DisposeAsync();
                    error = "the kubelet restarted during registration; register again";
                }
                else
                {
                    Install(connection, RegistrationMode.KubeletSocket);
                    return;
                }
            }
            catch (InvalidOperationException e)
            {
                error = e.Message;
            }
        }

        Refuse(RegistrationMode.KubeletSocket, request.ResourceName, endpoint, error);
        throw new RpcException(new Status(StatusCode.Unknown, error));
    }

    private async Task<bool> DiscoveredAsync(string socket)
    {
        try
        {
            using var channel = UnixSocketChannel.Create(socket);
            var registration = new WatcherRegistration.RegistrationClient(channel);
            PluginInfo info;
            try
            {
                info = await Dial.UntilReadyAsync(deadline => registration.GetInfoAsync(new InfoRequest(),
                    deadline: deadline).ResponseAsync, Options.CallTimeout, CancellationToken.None);
            }
            catch (RpcException e)
            {
                Refuse(RegistrationMode.PluginWatcher, "", socket, $"GetInfo failed: {e.Status.StatusCode} {e.Status.Detail}");
                return false;
            }

            var endpoint = info.Endpoint.Length > 0 ? info.Endpoint : socket;
            var (connection, error) = await ConnectDiscoveredAsync(info, socket, endpoint);
            await registration.NotifyRegistrationStatusAsync(
                new RegistrationStatus { PluginRegistered = error is null, Error = error ?? "" }, deadline: Deadline);
            if (connection is null)
            {
                Refuse(RegistrationMode.PluginWatcher, info.Name, endpoint, error!);
                return false;
            }

            lock (_watcherSockets)
            {
                _watcherSockets[socket] = connection;
            }

            Install(connection, RegistrationMode.PluginWatcher);
            return true;
        }
        catch (RpcException e)
        {
            KubeletLog.WatcherFailed(_logger, socket, e.Status.Detail);
            return false;
        }
    }

    private async Task<(PluginConnection? Connection, string? Error)> ConnectDiscoveredAsync(PluginInfo info,
        string socket, string endpoint)
    {
        if (info.Type != PluginRegistrationApi.DevicePluginType)
        {
            return (null, $"no handler registered for plugin type: {info.Type} at socket {socket}");
        }

        if (!info.SupportedVersions.Contains(DevicePluginApi.Version))
        {
            return (null, $"manager version, {DevicePluginApi.Version}, is not among plugin supported versions " +
                          $"[{string.Join(" ", info.SupportedVersions)}]");
        }

        if (ExtendedResourceName.Validate(info.Name) is { } nameError)
        {
            return (null, $"invalid name of device plugin socket: {nameError}");
        }

        try
        {
            return (await PluginConnection.ConnectAsync(info.Name, endpoint, Options.CallTimeout, CancellationToken.None), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }

    private async Task VanishedAsync(string socket)
    {
        PluginConnection? connection;
        lock (_watcherSockets)
        {
            _watcherSockets.Remove(socket, out connection);
        }

        if (connection is not null)
        {
            if (_table.Disconnect(connection, Options.EndpointStopGracePeriod))
            {
                KubeletLog.Disconnected(_logger, connection.Resource, $"socket {socket} was removed");
            }

            await connection.DisposeAsync();
        }
    }

    private void Install(PluginConnection connection, RegistrationMode mode)
    {
        var old = _table.Register(connection, mode);
        if (old is not null && old != connection)
        {
            _ = old.DisposeAsync().AsTask();
        }

        _table.Record(new RegistrationRecord(mode, connection.Resource, connection.Endpoint, null, DateTimeOffset.UtcNow));
        KubeletLog.Registered(_logger, connection.Resource, connection.Endpoint, mode);
        connection.StartListAndWatch(devices => _table.UpdateDevices(connection, devices), reason =>
        {
            if (_table.Disconnect(connection, Options.EndpointStopGracePeriod))
            {
                KubeletLog.Disconnected(_logger, connection.Resource, reason);
            }
        });
    }

    private void Refuse(RegistrationMode mode, string resource, string endpoint, string error)
    {
        _table.Record(new RegistrationRecord(mode, resource, endpoint, error, DateTimeOffset.UtcNow));
        KubeletLog.Refused(_logger, resource, endpoint, error);
    }
}
