using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using Sriov.Kubelet.PluginRegistration.V1;
using Sriov.Sim.Kubelet;
using DevicePluginRegistration = Sriov.Kubelet.DevicePlugin.V1Beta1.Registration;
using WatcherRegistration = Sriov.Kubelet.PluginRegistration.V1.Registration;

namespace Sriov.Sim.Tests.Kubelet;

/// <summary>
/// A minimal device plugin for testing the kubelet emulator: serves DevicePlugin (and, in plugin-watcher mode,
/// pluginregistration.Registration) on its socket, registers through kubelet.sock in the other mode and re-registers
/// when the kubelet's restart deletes its socket, reports health changes, prefers devices from the end of the
/// available list, and records every call.
/// </summary>
public sealed class TestDevicePlugin : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<Channel<ListAndWatchResponse>> _watchers = [];
    private readonly Dictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private Task? _restartWatch;

    public TestDevicePlugin(string resourceName, RegistrationMode mode, KubeletEmulatorOptions kubelet,
        IEnumerable<string> deviceIds, DevicePluginOptions? options = null)
    {
        ResourceName = resourceName;
        Mode = mode;
        Kubelet = kubelet;
        Options = options ?? new DevicePluginOptions();
        foreach (var id in deviceIds)
        {
            _devices[id] = new Device
            {
                ID = id,
                Health = DevicePluginApi.Healthy,
                Topology = new TopologyInfo { Nodes = { new NUMANode { ID = 0 } } },
            };
        }

        var file = resourceName.Replace('/', '_') + ".sock";
        SocketPath = Path.Combine(mode == RegistrationMode.KubeletSocket ? kubelet.DevicePluginDir : kubelet.PluginsRegistryDir!, file);
        Info = new PluginInfo
        {
            Type = PluginRegistrationApi.DevicePluginType,
            Name = ResourceName,
            Endpoint = SocketPath,
            SupportedVersions = { "v1alpha1", DevicePluginApi.Version },
        };
    }

    public string ResourceName { get; }

    public RegistrationMode Mode { get; }

    public KubeletEmulatorOptions Kubelet { get; }

    public DevicePluginOptions Options { get; }

    public string SocketPath { get; }

    /// <summary>What GetInfo answers (plugin-watcher mode); tests change it to provoke refusals.</summary>
    public PluginInfo Info { get; }

    /// <summary>The version sent in Register (kubelet-socket mode).</summary>
    public string RegisterVersion { get; set; } = DevicePluginApi.Version;

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<RegistrationStatus> Statuses { get; } = new();

    public int Registrations { get; private set; }

    public async Task StartAsync()
    {
        await ServeAsync();
        if (Mode == RegistrationMode.KubeletSocket)
        {
            await RegisterAsync();
            _restartWatch = Task.Run(WatchForKubeletRestartAsync);
        }
    }

    /// <summary>Calls Register on kubelet.sock (kubelet-socket mode).</summary>
    public async Task RegisterAsync()
    {
        using var channel = UnixSocketChannel.Create(Path.Combine(Kubelet.DevicePluginDir, KubeletPaths.KubeletSocketName));
        await new DevicePluginRegistration.RegistrationClient(channel).RegisterAsync(new RegisterRequest
        {
            Version = RegisterVersion,
            Endpoint = Path.GetFileName(SocketPath),
            ResourceName = ResourceName,
            Options = Options,
        });
        Registrations++;
    }

    public void SetHealth(string id, string health)
    {
        lock (_gate)
        {
            _devices[id].Health = health;
            Broadcast();
        }
    }

    /// <summary>Stops serving (the plugin dies); the socket is removed.</summary>
    public async Task StopServingAsync()
    {
        lock (_gate)
        {
            // End the ListAndWatch streams, or Kestrel's graceful stop would wait for them.
            foreach (var w in _watchers)
            {
                w.Writer.TryComplete();
            }

            _watchers.Clear();
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
            _app = null;
        }

        File.Delete(SocketPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_restartWatch is not null)
        {
            await _restartWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await StopServingAsync();
    }

    private async Task ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => UnixSocketEndpoint.Listen(k, SocketPath));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new PluginService(this));
        builder.Services.AddSingleton(new WatcherService(this));
        var app = builder.Build();
        app.MapGrpcService<PluginService>();
        if (Mode == RegistrationMode.PluginWatcher)
        {
            app.MapGrpcService<WatcherService>();
        }

        await app.StartAsync();
        _app = app;
    }

    // As upstream plugins do: the kubelet deletes our socket when it restarts; then serve again and re-register.
    private async Task WatchForKubeletRestartAsync()
    {
        var kubeletSocket = Path.Combine(Kubelet.DevicePluginDir, KubeletPaths.KubeletSocketName);
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(50, _stop.Token);
            if (_app is null || File.Exists(SocketPath) || !File.Exists(kubeletSocket))
            {
                continue;
            }

            await StopServingAsync();
            await ServeAsync();
            try
            {
                await RegisterAsync();
            }
            catch (RpcException)
            {
                // The kubelet was not ready yet: the next round retries.
                File.Delete(SocketPath);
            }
        }
    }

    private ListAndWatchResponse Snapshot()
    {
        var response = new ListAndWatchResponse();
        response.Devices.AddRange(_devices.Values.Select(d => d.Clone()));
        return response;
    }

    private void Broadcast()
    {
        foreach (var w in _watchers)
        {
            w.Writer.TryWrite(Snapshot());
        }
    }

    private sealed class PluginService(TestDevicePlugin plugin) : DevicePlugin.DevicePluginBase
    {
        public override Task<DevicePluginOptions> GetDevicePluginOptions(Empty request, ServerCallContext context)
        {
            plugin.Calls.Enqueue("GetDevicePluginOptions");
            return Task.FromResult(plugin.Options);
        }

        public override async Task ListAndWatch(Empty request, IServerStreamWriter<ListAndWatchResponse> responseStream,
            ServerCallContext context)
        {
            plugin.Calls.Enqueue("ListAndWatch");
            var updates = Channel.CreateUnbounded<ListAndWatchResponse>();
            lock (plugin._gate)
            {
                updates.Writer.TryWrite(plugin.Snapshot());
                plugin._watchers.Add(updates);
            }

            try
            {
                await foreach (var update in updates.Reader.ReadAllAsync(context.CancellationToken))
                {
                    await responseStream.WriteAsync(update);
                }
            }
            catch (OperationCanceledException)
            {
                // The kubelet closed the stream.
            }
            finally
            {
                lock (plugin._gate)
                {
                    plugin._watchers.Remove(updates);
                }
            }
        }

        public override Task<PreferredAllocationResponse> GetPreferredAllocation(PreferredAllocationRequest request,
            ServerCallContext context)
        {
            plugin.Calls.Enqueue("GetPreferredAllocation");
            var response = new PreferredAllocationResponse();
            foreach (var r in request.ContainerRequests)
            {
                response.ContainerResponses.Add(new ContainerPreferredAllocationResponse
                {
                    DeviceIDs = { r.MustIncludeDeviceIDs.Concat(r.AvailableDeviceIDs.Reverse()).Distinct().Take(r.AllocationSize) },
                });
            }

            return Task.FromResult(response);
        }

        public override Task<AllocateResponse> Allocate(AllocateRequest request, ServerCallContext context)
        {
            plugin.Calls.Enqueue("Allocate");
            var response = new AllocateResponse();
            foreach (var r in request.ContainerRequests)
            {
                var c = new ContainerAllocateResponse();
                c.Envs["TEST_DEVICES"] = string.Join(",", r.DevicesIds);
                c.Annotations["test.example.com/devices"] = string.Join(",", r.DevicesIds);
                foreach (var id in r.DevicesIds)
                {
                    c.Devices.Add(new DeviceSpec { HostPath = $"/dev/test/{id}", ContainerPath = $"/dev/test/{id}", Permissions = "rw" });
                    c.CdiDevices.Add(new CDIDevice { Name = $"test.example.com/dev={id}" });
                }

                c.Mounts.Add(new Mount { HostPath = "/var/run/test", ContainerPath = "/var/run/test", ReadOnly = true });
                response.ContainerResponses.Add(c);
            }

            return Task.FromResult(response);
        }

        public override Task<PreStartContainerResponse> PreStartContainer(PreStartContainerRequest request,
            ServerCallContext context)
        {
            plugin.Calls.Enqueue($"PreStartContainer:{string.Join(",", request.DevicesIds)}");
            return Task.FromResult(new PreStartContainerResponse());
        }
    }

    private sealed class WatcherService(TestDevicePlugin plugin) : WatcherRegistration.RegistrationBase
    {
        public override Task<PluginInfo> GetInfo(InfoRequest request, ServerCallContext context)
        {
            plugin.Calls.Enqueue("GetInfo");
            return Task.FromResult(plugin.Info);
        }

        public override Task<RegistrationStatusResponse> NotifyRegistrationStatus(RegistrationStatus request,
            ServerCallContext context)
        {
            plugin.Calls.Enqueue("NotifyRegistrationStatus");
            plugin.Statuses.Enqueue(request);
            if (request.PluginRegistered)
            {
                plugin.Registrations++;
            }

            return Task.FromResult(new RegistrationStatusResponse());
        }
    }
}
