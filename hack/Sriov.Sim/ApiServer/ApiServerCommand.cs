using System.Globalization;
using System.Runtime.InteropServices;

namespace Sriov.Sim.ApiServer;

/// <summary>
/// <c>sriov-sim apiserver --port P [--crds DIR]... [--kubeconfig FILE]</c>: serves the API emulator on
/// 127.0.0.1:P, applies the CRDs (and any other manifests) found in DIR, writes a kubeconfig for itself to FILE,
/// prints <c>ready</c> on stdout once it serves, and runs until SIGTERM or SIGINT.
/// </summary>
internal static class ApiServerCommand
{
    private const string Usage =
        "usage: sriov-sim apiserver --port P [--crds DIR]... [--kubeconfig FILE] [--history N]";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCoreAsync(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException
                                      or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"sriov-sim apiserver: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(string[] args)
    {
        int? port = null;
        string? kubeconfig = null;
        var history = new ApiServerOptions().HistoryLimit;
        var crds = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port":
                    port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--crds":
                    crds.Add(Value());
                    break;
                case "--kubeconfig":
                    kubeconfig = Value();
                    break;
                case "--history":
                    history = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"sriov-sim apiserver: unknown argument \"{args[i]}\"\n{Usage}");
                    return 2;
            }
        }

        if (port is null)
        {
            await Console.Error.WriteLineAsync($"sriov-sim apiserver: --port is required\n{Usage}");
            return 2;
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var emulator = await ApiServerEmulator.StartAsync(
            new ApiServerOptions { CrdPaths = crds, HistoryLimit = history }, port.Value);
        if (kubeconfig is not null)
        {
            emulator.WriteKubeconfig(kubeconfig);
        }

        await Console.Error.WriteLineAsync($"sriov-sim apiserver: serving {emulator.BaseAddress}");
        Console.Out.WriteLine("ready");
        await Console.Out.FlushAsync();
        await stopped.Task;
        return 0;

        void Stop(PosixSignalContext ctx)
        {
            ctx.Cancel = true;
            stopped.TrySetResult();
        }
    }
}
