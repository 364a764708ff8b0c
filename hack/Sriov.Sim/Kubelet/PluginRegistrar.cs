using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Kubelet.PluginRegistration.V1;
using WatcherRegistration = Sriov.Kubelet.PluginRegistration.V1.Registration;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// Turns registrations into connected resources, both ways the kubelet accepts them: the <c>Register</c> call on
/// <c>kubelet.sock</c>, and the plugin watcher's discovery of a socket (GetInfo, checks, NotifyRegistrationStatus).
/// Every attempt is recorded; an accepted plugin gets a ListAndWatch stream that keeps its devices current.
/// </summary>
internal sealed class PluginRegistrar
{
    private readonly ResourceTable _table;
    private readonly KubeletEmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PluginConnection> _watcherSockets = new(StringComparer.Ordinal);
    private int _generation;

    public PluginRegistrar(ResourceTable table, KubeletEmulatorOptions options, ILogger logger)
    {
        _table = table;
        _options = options;
        _logger = logger;
    }

    private KubeletEmulatorOptions Options => _options;

    private DateTime Deadline => DateTime.UtcNow + _options.CallTimeout;

    /// <summary>Called when the kubelet restarts: registrations in flight are refused, watched sockets forgotten.</summary>
    public void Restarted()
    {
        Interlocked.Increment(ref _generation);
        lock (_watcherSockets)
        {
            _watcherSockets.Clear();
        }
    }

    // v1beta1.Registration/Register: the kubelet checks the version and the name, dials the plugin (relative to its
    // device-plugins directory) and only then answers, so a plugin must serve before it registers.
    public async Task RegisterAsync(RegisterRequest request, CancellationToken ct)
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

    public async Task<bool> DiscoveredAsync(string socket)
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

    public async Task VanishedAsync(string socket)
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
