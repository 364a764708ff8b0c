using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;

namespace Sriov.Kube.Tests.Support;

/// <summary>
/// The test's hand on the wire between a client and the API emulator: records every request, can hold new watch
/// requests until released, end the current watch streams (cleanly or as a broken connection), and cut the client
/// off entirely (a network partition). Product code gets it as just another <see cref="DelegatingHandler"/>.
/// </summary>
public sealed class TestTransport : DelegatingHandler
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<CuttableStream> _streams = [];
    private TaskCompletionSource _watchGate = Open();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While true every request fails as if the network were down.</summary>
    public bool Partitioned { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>New watch requests wait (after being recorded) until <see cref="ReleaseWatches"/>.</summary>
    public void HoldWatches()
    {
        lock (_lock)
        {
            if (_watchGate.Task.IsCompleted)
            {
                _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void ReleaseWatches()
    {
        lock (_lock)
        {
            _watchGate.TrySetResult();
        }
    }

    /// <summary>Ends every open watch stream: at a clean EOF, or with an I/O error.</summary>
    public void CutWatches(bool asError = false)
    {
        lock (_lock)
        {
            foreach (var s in _streams)
            {
                s.Cut(asError);
            }

            _streams.Clear();
        }
    }

    /// <summary>Waits (up to 10 s) until the recorded requests satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<IReadOnlyList<RecordedRequest>, bool> condition,
        string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_requests))
                {
                    return [.. _requests];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"waited 10 s for {what}; requests: " +
                                           string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path} rv={r.ResourceVersion} watch={r.IsWatch}")));
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Partitioned)
        {
            throw new HttpRequestException("the test partitioned the network");
        }

        var uri = request.RequestUri!;
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var recorded = new RecordedRequest(request.Method.Method, uri.AbsolutePath, query);
        Task gate;
        lock (_lock)
        {
            _requests.Add(recorded);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gate = recorded.IsWatch ? _watchGate.Task : Task.CompletedTask;
        }

        await gate.WaitAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (!recorded.IsWatch || response.Content is null)
        {
            return response;
        }

        var stream = new CuttableStream(await response.Content.ReadAsStreamAsync(cancellationToken));
        var content = new StreamContent(stream);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        response.Content = content;
        lock (_lock)
        {
            _streams.Add(stream);
        }

        return response;
    }

    private static TaskCompletionSource Open()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
