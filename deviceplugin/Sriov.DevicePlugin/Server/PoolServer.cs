using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sriov.DevicePlugin.Allocation;
using Sriov.Kubelet;

namespace Sriov.DevicePlugin.Server;

/// <summary>
/// One Kestrel host serving one pool's unix socket, HTTP/2 only (plain-text h2 with prior knowledge: without TLS there
/// is no ALPN, so an HTTP/1.1+2 endpoint makes gRPC clients fail with HTTP_1_1_REQUIRED). One host per pool keeps
/// each pool's lifecycle separate (added, removed, re-listened after a kubelet restart without touching the others);
/// an idle host costs about 0.15 MiB (docs/decisions.md). In plugin-watcher mode the same socket also serves the
/// plugin-registration service.
/// </summary>
internal sealed class PoolServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _logger;

    private PoolServer(WebApplication app, PoolRuntime pool, string socketPath, ILogger logger)
    {
        _app = app;
        Pool = pool;
        SocketPath = socketPath;
        _logger = logger;
    }

    public PoolRuntime Pool { get; }

    public string SocketPath { get; }

    /// <summary>When the socket file was created (to notice it was deleted or replaced under us).</summary>
    public DateTime SocketCreated { get; private set; }

    public static async Task<PoolServer> StartAsync(PoolRuntime pool, string socketPath, bool pluginWatcher,
        DeviceInfoWriter deviceInfo, bool useCdi, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Sriov.DevicePlugin");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => UnixSocketEndpoint.Listen(k, socketPath));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new DevicePluginService(pool, deviceInfo, useCdi, logger));
        var info = pluginWatcher ? new PluginInfoService(pool, socketPath, logger) : null;
        if (info is not null)
        {
            builder.Services.AddSingleton(info);
        }

        var app = builder.Build();
        app.MapGrpcService<DevicePluginService>();
        if (info is not null)
        {
            app.MapGrpcService<PluginInfoService>();
        }

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var server = new PoolServer(app, pool, socketPath, logger) { SocketCreated = File.GetLastWriteTimeUtc(socketPath) };
        ServerLog.Serving(logger, pool.FullName, pool.View.Entries.Count, socketPath);
        return server;
    }

    /// <summary>Whether our socket file is still the one we created (the kubelet deletes it when it restarts).</summary>
    public bool SocketIntact => File.Exists(SocketPath) && File.GetLastWriteTimeUtc(SocketPath) == SocketCreated;

    /// <summary>Ends the pool's streams, stops the host and removes the socket file if it is still ours.</summary>
    public async ValueTask DisposeAsync()
    {
        Pool.CloseStreams();
        var intact = SocketIntact;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Streams that did not end within the bound are cut.
            }
        }

        await _app.DisposeAsync();
        if (intact)
        {
            File.Delete(SocketPath);
        }

        ServerLog.Stopped(_logger, Pool.FullName, SocketPath);
    }
}
