using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sriov.Sim.ApiServer.Http;

/// <summary>
/// Serves the dispatcher over HTTP on a loopback port with Kestrel (HTTP/1.1, no TLS, no authentication), which is
/// what real clients such as kubectl need. Watches are chunked responses flushed after every event.
/// </summary>
internal sealed class KestrelApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<KestrelApiHost> StartAsync(Func<ApiDispatcher> dispatcher, IPAddress address, int port,
        CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.PreferHostingUrlsKey, "false");
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        var app = builder.Build();
        app.Run(ctx => HandleAsync(ctx, dispatcher()));
        await app.StartAsync(ct);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => new Uri(a)).First();
        return new KestrelApiHost(app, new Uri($"http://{address}:{bound.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext ctx, ApiDispatcher dispatcher)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        var query = ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var request = new ApiRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "/", query,
            ctx.Request.ContentType, body, ctx.Request.Headers.UserAgent.ToString());
        switch (dispatcher.Dispatch(request))
        {
            case JsonResponse json:
                ctx.Response.StatusCode = json.StatusCode;
                ctx.Response.ContentType = ResponseWriting.JsonContentType;
                foreach (var warning in json.Warnings)
                {
                    ctx.Response.Headers.Append("Warning", ResponseWriting.Warning(warning));
                }

                var bytes = ResponseWriting.Json(json.Body);
                ctx.Response.ContentLength = bytes.Length;
                await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
                break;
            case TextResponse text:
                ctx.Response.StatusCode = text.StatusCode;
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync(text.Body, ctx.RequestAborted);
                break;
            case WatchResponse watch:
                await StreamAsync(ctx, watch);
                break;
        }
    }

    private static async Task StreamAsync(HttpContext ctx, WatchResponse watch)
    {
        using var session = watch.Session;
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = ResponseWriting.JsonContentType;
        try
        {
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await foreach (var evt in session.EventsAsync(ctx.RequestAborted))
            {
                await ctx.Response.Body.WriteAsync(ResponseWriting.EventLine(evt), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away: the watch simply ends.
        }
    }
}
