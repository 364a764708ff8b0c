using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Sriov.Sim.Kubelet;

/// <summary>
/// <c>sriov-sim kubelet --dir D [--device-plugins-dir X] [--plugins-registry-dir Y | --no-plugin-watcher]</c>: runs
/// the kubelet emulator for the kubelet directory D (<c>D/device-plugins</c>, <c>D/plugins_registry</c>), prints
/// <c>ready</c>, then answers one JSON line per command read from stdin until EOF, <c>quit</c> or SIGTERM:
/// <c>status</c>, <c>allocate POD CONTAINER RESOURCE COUNT</c>, <c>release POD</c>, <c>restart</c>.
/// </summary>
internal static class KubeletCommand
{
    private const string Usage =
        "usage: sriov-sim kubelet --dir D [--device-plugins-dir X] [--plugins-registry-dir Y | --no-plugin-watcher]";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCoreAsync(args);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"sriov-sim kubelet: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(string[] args)
    {
        string? dir = null, devicePlugins = null, registry = null;
        var watcher = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--dir":
                    dir = Value();
                    break;
                case "--device-plugins-dir":
                    devicePlugins = Value();
                    break;
                case "--plugins-registry-dir":
                    registry = Value();
                    break;
                case "--no-plugin-watcher":
                    watcher = false;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"sriov-sim kubelet: unknown argument \"{args[i]}\"\n{Usage}");
                    return 2;
            }
        }

        if (dir is null && devicePlugins is null)
        {
            await Console.Error.WriteLineAsync($"sriov-sim kubelet: --dir is required\n{Usage}");
            return 2;
        }

        // Logs go to stderr: stdout carries only "ready" and the JSON answers.
        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(l => l >= LogLevel.Information));
        var defaults = dir is null ? null : KubeletEmulatorOptions.ForRoot(dir);
        var options = new KubeletEmulatorOptions
        {
            DevicePluginDir = devicePlugins ?? defaults!.DevicePluginDir,
            PluginsRegistryDir = watcher ? registry ?? defaults?.PluginsRegistryDir : null,
            LoggerFactory = loggers,
        };
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var kubelet = await KubeletEmulator.StartAsync(options, stop.Token);
        Console.Out.WriteLine("ready");
        await Console.Out.FlushAsync();
        try
        {
            // Console reads block and ignore cancellation, so the read runs aside and SIGTERM stops the wait for it.
            while (await Task.Run(Console.In.ReadLine).WaitAsync(stop.Token) is { } line)
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words is ["quit"])
                {
                    break;
                }

                if (words.Length > 0)
                {
                    Console.Out.WriteLine((await ExecuteAsync(kubelet, words, stop.Token)).ToJsonString());
                    await Console.Out.FlushAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // SIGTERM.
        }

        return 0;

        void Stop(PosixSignalContext ctx)
        {
            ctx.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<JsonObject> ExecuteAsync(KubeletEmulator kubelet, string[] words, CancellationToken ct)
    {
        try
        {
            switch (words)
            {
                case ["status"]:
                    return Status(kubelet);
                case ["allocate", var pod, var container, var resource, var count]:
                    var allocation = await kubelet.AllocateAsync(pod, container, resource,
                        int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture), ct);
                    return new JsonObject
                    {
                        ["pod"] = allocation.Pod,
                        ["container"] = allocation.Container,
                        ["resource"] = allocation.ResourceName,
                        ["devices"] = new JsonArray([.. allocation.DeviceIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
                        ["response"] = JsonNode.Parse(JsonFormatter.Default.Format(allocation.Response)),
                    };
                case ["release", var pod]:
                    return new JsonObject { ["released"] = kubelet.Release(pod) };
                case ["restart"]:
                    await kubelet.RestartAsync(ct);
                    return new JsonObject { ["restarted"] = true };
                default:
                    return new JsonObject
                    {
                        ["error"] = $"unknown command \"{string.Join(' ', words)}\"; commands: status, allocate POD " +
                                    "CONTAINER RESOURCE COUNT, release POD, restart, quit",
                    };
            }
        }
        catch (Exception e) when (e is KubeletAllocationException or FormatException or OverflowException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    private static JsonObject Status(KubeletEmulator kubelet)
    {
        var resources = new JsonObject();
        foreach (var (name, r) in kubelet.Resources.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            resources[name] = new JsonObject
            {
                ["endpoint"] = r.Endpoint,
                ["mode"] = r.Mode.ToString(),
                ["connected"] = r.Connected,
                ["capacity"] = r.Capacity,
                ["allocatable"] = r.Allocatable,
                ["devices"] = new JsonArray([.. r.Devices.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["health"] = d.Health })]),
            };
        }

        return new JsonObject
        {
            ["resources"] = resources,
            ["allocations"] = new JsonArray([.. kubelet.Allocations.Select(a => (JsonNode)new JsonObject
            {
                ["pod"] = a.Pod,
                ["container"] = a.Container,
                ["resource"] = a.ResourceName,
                ["devices"] = new JsonArray([.. a.DeviceIds.Select(d => (JsonNode?)JsonValue.Create(d))]),
            })]),
        };
    }
}
