using Grpc.Core;
using Grpc.Net.Client;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// The kubelet's client of one device plugin: dialed, asked for its options (the kubelet calls
/// GetDevicePluginOptions on every connect, whatever the registration carried), then kept on a ListAndWatch stream
/// whose every message replaces the resource's device list. The stream ending is the plugin going away.
/// </summary>
internal sealed class PluginConnection : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private Task? _stream;

    private PluginConnection(string resource, string endpoint, GrpcChannel channel, DevicePlugin.DevicePluginClient client,
        DevicePluginOptions options)
    {
        Resource = resource;
        Endpoint = endpoint;
        _channel = channel;
        Client = client;
        Options = options;
    }

    public string Resource { get; }

    public string Endpoint { get; }

    public DevicePlugin.DevicePluginClient Client { get; }

    public DevicePluginOptions Options { get; }

    public static async Task<PluginConnection> ConnectAsync(string resource, string socketPath, TimeSpan timeout,
        CancellationToken ct)
    {
        var channel = UnixSocketChannel.Create(socketPath);
        try
        {
            var client = new DevicePlugin.DevicePluginClient(channel);
            var options = await Dial.UntilReadyAsync(deadline => client.GetDevicePluginOptionsAsync(new Empty(),
                deadline: deadline, cancellationToken: ct).ResponseAsync, timeout, ct);
            return new PluginConnection(resource, socketPath, channel, client, options);
        }
        catch (RpcException e)
        {
            channel.Dispose();
            throw new InvalidOperationException(
                $"failed to dial device plugin {resource} at {socketPath}: {e.Status.Detail}", e);
        }
    }

    /// <summary>Runs ListAndWatch in the background: <paramref name="onUpdate"/> per message, then
    /// <paramref name="onEnd"/> with the reason once the stream is over (not called after disposal).</summary>
    public void StartListAndWatch(Action<IReadOnlyList<PluginDevice>> onUpdate, Action<string> onEnd)
    {
        _stream = Task.Run(async () =>
        {
            var reason = "the ListAndWatch stream ended";
            try
            {
                using var call = Client.ListAndWatch(new Empty(), cancellationToken: _stop.Token);
                await foreach (var response in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    onUpdate([.. response.Devices.Select(d => new PluginDevice(d.ID, d.Health,
                        d.Topology is null ? [] : [.. d.Topology.Nodes.Select(n => n.ID)]))]);
                }
            }
            catch (RpcException e) when (!_stop.IsCancellationRequested)
            {
                reason = $"ListAndWatch failed: {e.Status.StatusCode} {e.Status.Detail}";
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException)
            {
                return;
            }

            if (!_stop.IsCancellationRequested)
            {
                onEnd(reason);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_stream is not null)
        {
            await _stream.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _channel.Dispose();
        _stop.Dispose();
    }
}
