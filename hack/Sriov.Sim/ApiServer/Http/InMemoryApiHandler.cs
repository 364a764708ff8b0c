using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;

namespace Sriov.Sim.ApiServer.Http;

/// <summary>
/// Serves the dispatcher to an <see cref="HttpClient"/> without sockets: a handler for
/// <c>new Kubernetes(config, handler)</c> that never calls an inner handler. Watches stream through a pipe; disposing
/// the response ends the watch, as closing the connection does.
/// </summary>
internal sealed class InMemoryApiHandler : DelegatingHandler
{
    private readonly Func<ApiDispatcher> _dispatcher;

    public InMemoryApiHandler(Func<ApiDispatcher> dispatcher) => _dispatcher = dispatcher;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var uri = request.RequestUri!;
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var apiRequest = new ApiRequest(request.Method.Method, uri.AbsolutePath, query,
            request.Content?.Headers.ContentType?.ToString(), body, request.Headers.UserAgent.ToString());
        return _dispatcher().Dispatch(apiRequest) switch
        {
            JsonResponse json => Json(request, json),
            TextResponse text => new HttpResponseMessage((HttpStatusCode)text.StatusCode)
            {
                RequestMessage = request,
                Content = new StringContent(text.Body),
            },
            WatchResponse watch => Stream(request, watch),
            _ => throw new InvalidOperationException("unknown response type"),
        };
    }

    private static HttpResponseMessage Json(HttpRequestMessage request, JsonResponse json)
    {
        var response = new HttpResponseMessage((HttpStatusCode)json.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(ResponseWriting.Json(json.Body)),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(ResponseWriting.JsonContentType);
        foreach (var warning in json.Warnings)
        {
            response.Headers.TryAddWithoutValidation("Warning", ResponseWriting.Warning(warning));
        }

        return response;
    }

    private static HttpResponseMessage Stream(HttpRequestMessage request, WatchResponse watch)
    {
        var pipe = new Pipe();
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            using var session = watch.Session;
            try
            {
                await foreach (var evt in session.EventsAsync(stop.Token))
                {
                    var result = await pipe.Writer.WriteAsync(ResponseWriting.EventLine(evt), stop.Token);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The reader disposed the response.
            }
            finally
            {
                await pipe.Writer.CompleteAsync();
                stop.Dispose();
            }
        });
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(new CancelOnDisposeStream(pipe.Reader.AsStream(), stop)),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(ResponseWriting.JsonContentType);
        return response;
    }
}
