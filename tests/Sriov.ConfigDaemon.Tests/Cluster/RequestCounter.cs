using System.Collections.Concurrent;

namespace Sriov.ConfigDaemon.Tests.Cluster;

/// <summary>Records the method and path of every request a client sends, in front of the API emulator's handler.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    public int Count(string method, string pathSuffix) =>
        _requests.Count(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath));
        return base.SendAsync(request, cancellationToken);
    }
}
