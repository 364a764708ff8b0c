namespace Sriov.DevicePlugin.Cli;

/// <summary>Serving the pools to the kubelet (filled in by the server slice).</summary>
internal static class ServeCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("sriov-device-plugin: serving is not built yet; use 'discover'");
        return Task.FromResult(2);
    }
}
