using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sriov.Kubelet;

namespace Sriov.Sim.Kubelet;

/// <summary>Kestrel serving the Registration service on <c>kubelet.sock</c> (HTTP/2 only, as gRPC over a unix socket
/// without TLS needs).</summary>
internal sealed class RegistrationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistrationServer(WebApplication app) => _app = app;

    public static async Task<RegistrationServer> StartAsync(string socketPath, RegistrationService service,
        CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => UnixSocketEndpoint.Listen(k, socketPath));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<RegistrationService>();
        await app.StartAsync(ct);
        return new RegistrationServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        // A short shutdown: the kubelet going away does not wait for its clients.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
