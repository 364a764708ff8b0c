using System.Text;
using System.Text.Json;
using Grpc.Core;
using Sriov.Kubelet;
using Sriov.Kubelet.DevicePlugin.V1Beta1;
using KubeletDevicePlugin = Sriov.Kubelet.DevicePlugin.V1Beta1.DevicePlugin;

namespace Sriov.DevicePlugin.Cli;

/// <summary>
/// <c>sriov-device-plugin list-and-watch --socket S [--updates N] [--timeout SECONDS]</c>: a diagnostic client that
/// calls ListAndWatch on a plugin socket the way the kubelet does and prints each message as one JSON line
/// (<c>{"devices":[{"id","health","numaNodes"}]}</c>), until N messages, the timeout, or the stream ends. It shows what
/// the kubelet is being told, e.g. on a node: <c>list-and-watch --socket /var/lib/kubelet/plugins_registry/intel.com_x.sock</c>.
/// Exit 0 after N messages (or the stream's end when N is not given), 1 on a connection error or the timeout.
/// </summary>
internal static class ListAndWatchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? socket = null;
        long updates = 0;
        long timeout = 0;
        var flags = new GoFlagSet("sriov-device-plugin list-and-watch");
        flags.String("socket", "the plugin socket to call ListAndWatch on", v => socket = v);
        flags.Int("updates", "exit after this many messages (0: until the stream ends)", v => updates = v);
        flags.Int("timeout", "give up after this many seconds (0: never)", v => timeout = v);
        try
        {
            if (flags.Parse(args).Count > 0 || socket is null)
            {
                throw new FlagException("-socket is required and takes no positional arguments");
            }
        }
        catch (FlagException e)
        {
            await stderr.WriteLineAsync((e.HelpRequested ? "" : e.Message + "\n") + flags.Usage());
            return e.HelpRequested ? 0 : 2;
        }

        using var cts = timeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(timeout)) : new CancellationTokenSource();
        using var channel = UnixSocketChannel.Create(socket);
        var seen = 0L;
        try
        {
            using var call = new KubeletDevicePlugin.DevicePluginClient(channel).ListAndWatch(new Empty(), cancellationToken: cts.Token);
            await foreach (var message in call.ResponseStream.ReadAllAsync(cts.Token))
            {
                await stdout.WriteLineAsync(Format(message));
                await stdout.FlushAsync(cts.Token);
                if (++seen == updates)
                {
                    return 0;
                }
            }

            return updates == 0 ? 0 : 1;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            await stderr.WriteLineAsync($"list-and-watch on {socket} failed: {e.Status.Detail} ({e.StatusCode})");
            return 1;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
            await stderr.WriteLineAsync($"list-and-watch on {socket}: {seen} messages in {timeout} s, expected {updates}");
            return 1;
        }
    }

    internal static string Format(ListAndWatchResponse message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("devices");
            foreach (var d in message.Devices)
            {
                json.WriteStartObject();
                json.WriteString("id", d.ID);
                json.WriteString("health", d.Health);
                json.WriteStartArray("numaNodes");
                foreach (var n in d.Topology?.Nodes ?? [])
                {
                    json.WriteNumberValue(n.ID);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
