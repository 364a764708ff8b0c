using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sriov.ConfigDaemon.Cluster;

/// <summary>
/// <c>GET /healthz</c> (liveness: the reconcile loop made its last pass when it was due; see <see cref="HealthState"/>)
/// and <c>GET /readyz</c> (readiness: the watches have synced and the node was reconciled once) on
/// <c>--health-addr</c>; 200 <c>ok</c> or 503 with the reason.
/// </summary>
internal sealed class HealthServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthServer(WebApplication app) => _app = app;

    /// <summary>The address actually bound (a port of 0 picks a free one).</summary>
    public Uri Address => new(_app.Urls.First());

    public static async Task<HealthServer> StartAsync(string address, HealthState state, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + address);
        var app = builder.Build();
        app.MapGet("/healthz", () => state.Healthy
            ? Results.Text("ok\n")
            : Results.Text("the reconcile loop missed its next pass (due after the resync period or the failure backoff, plus one resync period)\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/readyz", () => state.Ready
            ? Results.Text("ok\n")
            : Results.Text("not ready: the watches have not synced or the node was not reconciled yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(ct);
        return new HealthServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
